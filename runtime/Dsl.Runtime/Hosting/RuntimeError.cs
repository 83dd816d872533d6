using System.Globalization;

namespace Dsl.Runtime.Hosting;

/// <summary>A kind of runtime message: stable code, severity and message format, as the compiler's descriptors.</summary>
public sealed record RuntimeError(string Code, RuntimeSeverity Severity, string Title, string MessageFormat)
{
    public string Format(params object?[] args) =>
        args.Length == 0 ? MessageFormat : string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
}
