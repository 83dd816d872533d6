using System.Globalization;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Diagnostics;

/// <summary>
/// A diagnostic kind: its stable code, default severity and message format. All of them are
/// defined in <see cref="DiagnosticDescriptors"/>, code beside message.
/// </summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string MessageFormat)
{
    public Diagnostic Create(SourceText source, TextSpan span, params object?[] args) =>
        new(source, span, Severity, Code, args.Length == 0 ? MessageFormat : string.Format(CultureInfo.InvariantCulture, MessageFormat, args));
}
