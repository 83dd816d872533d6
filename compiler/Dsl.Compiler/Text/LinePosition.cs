namespace Dsl.Compiler.Text;

/// <summary>A zero-based line and character position (the editor's view of an offset).</summary>
public readonly record struct LinePosition(int Line, int Character)
{
    /// <summary>The one-based "line,col" form used in command-line diagnostics.</summary>
    public override string ToString() => $"{Line + 1},{Character + 1}";
}
