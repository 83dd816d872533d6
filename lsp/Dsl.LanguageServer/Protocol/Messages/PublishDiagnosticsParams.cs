namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/publishDiagnostics.</summary>
public sealed record PublishDiagnosticsParams(string Uri, int? Version, LspDiagnostic[] Diagnostics);
