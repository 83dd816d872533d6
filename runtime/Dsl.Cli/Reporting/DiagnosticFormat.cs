namespace Dsl.Cli.Reporting;

public enum DiagnosticFormat
{
    Text,
    Json,
    Sarif,
}
