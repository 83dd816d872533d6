using System.Text;

namespace Dsl.Compiler.Emit;

/// <summary>An indenting text writer for generated C#; braces open and close blocks.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes the header (if any) and an opening brace; an empty header opens a bare block.</summary>
    public CodeWriter Open(string header)
    {
        if (header.Length > 0)
            Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}
