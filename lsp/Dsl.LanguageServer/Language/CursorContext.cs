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

    /// <summary>Inside a string that has no closing quote yet: a proposal brings it.</summary>
    public bool StringIsOpen { get; init; }

    /// <summary>Which durations the compiler takes at the cursor, where one is expected.</summary>
    public DurationKind Durations { get; init; }

    /// <summary>
    /// The point the rule around the cursor is driven by, which may not be its output: the
    /// trigger of a <c>merge … on P</c> (DSL3022), the source of an <c>energy … from P</c> (DSL3061).
    /// </summary>
    public string? DrivenBy { get; init; }

    /// <summary>
    /// In an expression, the points it may read: null for all the model's, none where only
    /// attributes and constants count (an energy slope, scale or range), and in the where
    /// condition of an aggregate output those its argument names (the aggregated point).
    /// </summary>
    public IReadOnlyList<string>? ReadablePoints { get; init; }

    /// <summary>An expression's name after <c>Model::</c>: only that model's members fit, no function, model or keyword.</summary>
    public bool IsQualified { get; init; }

    /// <summary>
    /// In a merge or aggregate block, the points its outputs write but the one being typed over,
    /// and the points it reads: a rule cannot read what it writes (DSL3061), so neither is
    /// offered where the other goes.
    /// </summary>
    public IReadOnlySet<string> WrittenByRule { get; init; } = _none;

    /// <inheritdoc cref="WrittenByRule"/>
    public IReadOnlySet<string> ReadByRule { get; init; } = _none;

    private static readonly IReadOnlySet<string> _none = new HashSet<string>();

    /// <summary>An output of an energy rule, which only a <c>pi</c> point can be.</summary>
    public bool EnergyOutput { get; init; }

    public static CursorContext None(int position) => new(CursorPlace.Nothing, new TextSpan(position, 0), "", BlockKind.None, null, []);
}
