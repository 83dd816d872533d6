namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>initialize: the client capabilities the server looks at; everything else is ignored.</summary>
public sealed record ClientCapabilities(TextDocumentClientCapabilities? TextDocument = null, WorkspaceClientCapabilities? Workspace = null)
{
    /// <summary>Whether completion items may be snippets (<c>round($1)$0</c>); a client that does not say so inserts them as plain text.</summary>
    public bool SnippetSupport => TextDocument?.Completion?.CompletionItem?.SnippetSupport == true;

    /// <summary>Whether the client watches the files the server registers for (<c>workspace/didChangeWatchedFiles</c>), as it only then reports changes.</summary>
    public bool RegistersFileWatchers => Workspace?.DidChangeWatchedFiles?.DynamicRegistration == true;

    /// <summary>Whether a workspace edit may rename a file (<c>documentChanges</c> with a <c>rename</c> operation).</summary>
    public bool RenamesFiles =>
        Workspace?.WorkspaceEdit is { DocumentChanges: true, ResourceOperations: { } operations } && operations.Contains("rename");
}

public sealed record TextDocumentClientCapabilities(CompletionClientCapabilities? Completion = null);

public sealed record CompletionClientCapabilities(CompletionItemClientCapabilities? CompletionItem = null);

public sealed record CompletionItemClientCapabilities(bool? SnippetSupport = null);

public sealed record WorkspaceClientCapabilities(WorkspaceEditClientCapabilities? WorkspaceEdit = null, DynamicRegistrationCapabilities? DidChangeWatchedFiles = null);

public sealed record DynamicRegistrationCapabilities(bool? DynamicRegistration = null);

public sealed record WorkspaceEditClientCapabilities(bool? DocumentChanges = null, string[]? ResourceOperations = null);
