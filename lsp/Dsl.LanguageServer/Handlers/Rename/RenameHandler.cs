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
/// </summary>
public sealed class RenameHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;
    private readonly SymbolFinder _finder = new(workspace);

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
        return new WorkspaceEdit(changes);
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
