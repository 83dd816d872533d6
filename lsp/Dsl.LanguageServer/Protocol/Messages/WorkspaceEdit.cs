namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>
/// Edits to several documents, keyed by URI (<see cref="Changes"/>); an edit that also renames a
/// file gives the same edits as a list with the rename (<see cref="DocumentChanges"/>:
/// <see cref="TextDocumentEdit"/> and <see cref="RenameFile"/>), which a client that takes it
/// applies instead.
/// </summary>
public sealed record WorkspaceEdit(Dictionary<string, TextEdit[]> Changes, object[]? DocumentChanges = null);

/// <summary>Edits to one version of a document.</summary>
public sealed record TextDocumentEdit(VersionedTextDocumentIdentifier TextDocument, TextEdit[] Edits);

/// <summary>A file renamed; one of that name already there is not overwritten.</summary>
public sealed record RenameFile(string OldUri, string NewUri, RenameFileOptions Options)
{
    public string Kind => "rename";
}

public sealed record RenameFileOptions(bool Overwrite, bool IgnoreIfExists);
