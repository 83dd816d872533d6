using Dsl.Compiler.Diagnostics;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.Diagnostics;

/// <summary>Maps compiler diagnostics to LSP: same code and message as <c>dsl check</c>, LSP ranges and severities.</summary>
public static class DiagnosticMapper
{
    public const string SourceName = "dsl";

    public static LspDiagnostic ToLsp(Diagnostic diagnostic) =>
        new(TextPositions.ToRange(diagnostic.Source, diagnostic.Span), diagnostic.Message, Severity(diagnostic.Severity), diagnostic.Code, SourceName);

    public static int Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => 1,
        DiagnosticSeverity.Warning => 2,
        _ => 3,
    };
}
