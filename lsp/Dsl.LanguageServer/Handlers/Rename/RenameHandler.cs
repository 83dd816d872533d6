using Dsl.Compiler;
using Dsl.Compiler.Symbols;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Language;
using Dsl.LanguageServer.Protocol;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.Rename;

/// <summary>
/// textDocument/prepareRename and textDocument/rename: renames a model, point, attribute or
/// the job everywhere it is written, across files. Built-in functions and keywords cannot
/// be renamed, and a new name must be a valid name that its model (or the models) does not have yet.
/// A job whose file is named after it is renamed with its file.
/// </summary>
public sealed class RenameHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;
    private readonly SymbolFinder _finder = new(workspace);

    /// <summary>Whether the client applies file renames in a workspace edit (its capabilities say so).</summary>
    public bool RenamesFiles { get; set; }

    public PrepareRenameResult? Prepare(TextDocumentPositionParams request, CancellationToken cancellationToken)
    {
        var document = _workspace.GetDocument(request.TextDocument.Uri);
        var found = Find(document, request.Position, cancellationToken);
        // The placeholder is what the range covers: a name that needs backticks keeps them, so
        // editing it in place gives a name the rename accepts.
        return new PrepareRenameResult(TextPositions.ToRange(document.Source, found.NameSpan), LanguageFacts.Quote(found.Symbol.Name));
    }

    public WorkspaceEdit Handle(RenameParams request, CancellationToken cancellationToken)
    {
        var newName = request.NewName.Trim();
        if (!LanguageFacts.IsValidName(newName))
        {
            throw new JsonRpcException(ErrorCodes.InvalidParams,
                $"\"{request.NewName}\" is not a valid name: use letters, digits and '_' (not starting with a digit, not a keyword), or write it in backticks.");
        }
        var document = _workspace.GetDocument(request.TextDocument.Uri);
        var found = Find(document, request.Position, cancellationToken);
        var bare = newName.Trim('`');
        if (found.Symbol is JobSymbol && string.IsNullOrWhiteSpace(bare))
            throw new JsonRpcException(ErrorCodes.InvalidParams, "A job name cannot be only white space.");
        if (Owner(found, document, bare, cancellationToken) is { } owner)
        {
            // Renaming onto another symbol would merge the two: every use of either would mean one.
            throw new JsonRpcException(ErrorCodes.RequestFailed, $"\"{bare}\" is already {owner}; choose another name.");
        }

        var text = LanguageFacts.Quote(bare);
        var changes = _finder.FindAllReferences(found, document, cancellationToken)
            .GroupBy(r => _finder.UriOf(r.Source), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(r => new TextEdit(TextPositions.ToRange(r.Source, r.Span), text)).ToArray(),
                StringComparer.Ordinal);
        return found.Symbol is JobSymbol job && bare != job.Name && IsNamedAfter(document, job.Name)
            ? RenameWithFile(document, bare, changes)
            : new WorkspaceEdit(changes);
    }

    // A job file of a workspace must be named after its job: `dsl save`, the release check and the
    // daemon take jobs/NAME.stream for job NAME, and refuse a file that declares another.
    private static bool IsNamedAfter(TextDocument document, string job) =>
        document.Uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
        && Path.GetExtension(document.Path) == ".stream"
        && Path.GetFileNameWithoutExtension(document.Path) == job;

    /// <summary>
    /// The job line renamed with the file, which keeps the job and its file's name one. The job's
    /// name is written on its job line alone, so every edit is to this file, whatever URI (a link's)
    /// the references were found under.
    /// </summary>
    private WorkspaceEdit RenameWithFile(TextDocument document, string name, Dictionary<string, TextEdit[]> changes)
    {
        var file = Path.GetFileName(document.Path);
        if (!JobNames.IsFileName(name))
        {
            throw new JsonRpcException(ErrorCodes.InvalidParams,
                $"\"{name}\" cannot name this job: {file} is named after its job and is renamed with it, and a job file's name has letters, digits and '_', starting with a letter ({JobNames.MaxLength} characters at most).");
        }
        var newPath = Path.Combine(Path.GetDirectoryName(document.Path)!, name + ".stream");
        if (!DocumentUri.SameFile(newPath, document.Path)
            && (File.Exists(newPath) || Directory.Exists(newPath) || _workspace.Documents.GetByPath(newPath) is not null))
        {
            throw new JsonRpcException(ErrorCodes.RequestFailed, $"{name}.stream already exists beside {file}; choose another name.");
        }
        if (!RenamesFiles)
        {
            throw new JsonRpcException(ErrorCodes.RequestFailed,
                $"{file} is named after its job, and this editor does not rename files in a rename: rename the job line and the file to {name}.stream together.");
        }
        return new WorkspaceEdit(changes,
        [
            new TextDocumentEdit(new VersionedTextDocumentIdentifier(document.Uri, document.Version), [.. changes.Values.SelectMany(e => e)]),
            new RenameFile(document.Uri, DocumentUri.FromPath(newPath), new RenameFileOptions(Overwrite: false, IgnoreIfExists: false)),
        ]);
    }

    /// <summary>
    /// What already has the name in a file that sees the symbol. A library's model is renamed in
    /// every job and library that imports it, and one that also sees a model of the new name would
    /// end up with two: the name must be free in each of them, not only where the rename starts.
    /// </summary>
    private string? Owner(SymbolAtPosition found, TextDocument document, string name, CancellationToken cancellationToken) =>
        name == found.Symbol.Name
            ? null
            : _finder.FindScopes(found, document, cancellationToken).Select(scope => Taken(scope.Symbol, scope.Semantic, name)).FirstOrDefault(owner => owner is not null);

    /// <summary>What already has the name in one place that sees the symbol: another member of its model, or another model.</summary>
    private static string? Taken(Symbol symbol, SemanticModel semantic, string name) => symbol switch
    {
        PointSymbol point when point.Model.GetMember(name) is { } other => $"{(other is PointSymbol ? "a point" : "an attribute")} of model \"{point.Model.Name}\"",
        AttributeSymbol attribute when attribute.Model.GetMember(name) is { } other => $"{(other is PointSymbol ? "a point" : "an attribute")} of model \"{attribute.Model.Name}\"",
        ModelSymbol when semantic.Models.Any(m => m.Name == name) => "a model",
        _ => null,
    };

    private SymbolAtPosition Find(TextDocument document, Position position, CancellationToken cancellationToken)
    {
        var offset = TextPositions.ToOffset(document.Source, position);
        var found = _finder.FindAt(document, offset, cancellationToken)
            ?? throw new JsonRpcException(ErrorCodes.RequestFailed, "There is no model, point, attribute or job name here to rename.");
        if (found.Symbol.IsBuiltIn)
            throw new JsonRpcException(ErrorCodes.RequestFailed, $"\"{found.Symbol.Name}\" is a built-in function and cannot be renamed.");
        return found;
    }
}
