namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>A diagnostic as LSP sends it (severity 1 error, 2 warning, 3 information).</summary>
public sealed record LspDiagnostic(Range Range, string Message, int? Severity = null, string? Code = null, string? Source = null);
