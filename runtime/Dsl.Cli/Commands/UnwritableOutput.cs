using System.Text;

namespace Dsl.Cli.Commands;

/// <summary>
/// Standard output that cannot be written (<see cref="StandardOutputState"/>): every write fails
/// with <paramref name="problem"/> as its message, which the command prints as any failed write to
/// its output ("dsl check: standard output is closed", exit 1). A command that prints nothing runs as usual.
/// </summary>
internal sealed class UnwritableOutput(string problem) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    // Every other Write and WriteLine of TextWriter ends here.
    public override void Write(char value) => throw new IOException(problem);
}
