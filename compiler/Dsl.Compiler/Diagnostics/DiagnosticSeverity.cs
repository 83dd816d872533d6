namespace Dsl.Compiler.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
    Info,
}
