using Dsl.Compiler.Text;

namespace Dsl.LanguageServer.Language;

/// <summary>
/// Where the cursor is: what belongs there, the text being typed (which a completion
/// replaces), the block around it and the model in scope.
/// </summary>
public sealed record CursorContext(
    CursorPlace Place,
    TextSpan Replace,
    string Prefix,
    BlockKind Block,
    string? ModelName,
    IReadOnlyList<string> Words)
{
    /// <summary>True inside a string literal: proposals go between the quotes, without quotes of their own.</summary>
    public bool InString { get; init; }

    public static CursorContext None(int position) => new(CursorPlace.Nothing, new TextSpan(position, 0), "", BlockKind.None, null, []);
}
