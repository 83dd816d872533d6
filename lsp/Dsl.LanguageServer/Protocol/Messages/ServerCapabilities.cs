namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>What the server can do.</summary>
public sealed record ServerCapabilities(TextDocumentSyncOptions TextDocumentSync, CompletionOptions CompletionProvider, bool HoverProvider, bool DefinitionProvider, bool ReferencesProvider, bool DocumentHighlightProvider, RenameOptions RenameProvider, bool DocumentSymbolProvider, bool WorkspaceSymbolProvider, bool DocumentFormattingProvider, bool FoldingRangeProvider, SemanticTokensOptions SemanticTokensProvider, SignatureHelpOptions SignatureHelpProvider, CodeActionOptions CodeActionProvider, WorkspaceServerCapabilities Workspace);
