namespace Dsl.Runtime.Hosting;

/// <summary>How serious a runtime message is; the same levels as the compiler's diagnostics.</summary>
public enum RuntimeSeverity
{
    Error,
    Warning,
    Info,
}
