using Dsl.Compiler.Syntax;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Handlers.DocumentSymbols;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.WorkspaceSymbols;

/// <summary>workspace/symbol: jobs, models, points, attributes and rules of every file in reach, matched fuzzily.</summary>
public sealed class WorkspaceSymbolsHandler(Workspace workspace)
{
    private const int MaxResults = 500;

    private readonly Workspace _workspace = workspace;

    public SymbolInformation[] Handle(WorkspaceSymbolParams request, CancellationToken cancellationToken)
    {
        var results = new List<SymbolInformation>();
        foreach (var file in _workspace.EnumerateFiles(cancellationToken))
        {
            foreach (var symbol in Symbols(file))
            {
                if (Matches(symbol.Name, request.Query))
                    results.Add(symbol);
                if (results.Count >= MaxResults)
                    return results.ToArray();
            }
        }
        return results.ToArray();
    }

    /// <summary>Case-insensitive subsequence match, as editors filter symbol names ("acpw" finds ActivePower).</summary>
    public static bool Matches(string name, string query)
    {
        var at = 0;
        foreach (var c in query)
        {
            if (char.IsWhiteSpace(c))
                continue;
            at = name.IndexOf(c.ToString(), at, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
                return false;
            at++;
        }
        return true;
    }

    private static IEnumerable<SymbolInformation> Symbols(WorkspaceFile file)
    {
        var source = file.Tree.Source;
        Location At(Compiler.Text.TextSpan span) => new(file.Uri, TextPositions.ToRange(source, span));

        foreach (var declaration in file.Tree.Root.Declarations)
        {
            switch (declaration)
            {
                case JobDeclarationSyntax { Name.IsMissing: false } job:
                    yield return new SymbolInformation(job.Name.Text, SymbolKind.Module, At(job.Name.Span), null);
                    break;
                case ModelDeclarationSyntax { Name.IsMissing: false } model:
                    yield return new SymbolInformation(model.Name.Text, SymbolKind.Class, At(model.Name.Span), null);
                    foreach (var member in model.Members.Where(m => !m.Name.IsMissing))
                    {
                        var kind = member is AttributeDeclarationSyntax ? SymbolKind.Constant : SymbolKind.Field;
                        yield return new SymbolInformation(member.Name.Text, kind, At(member.Name.Span), model.Name.Text);
                    }
                    break;
                case RuleSyntax rule:
                    yield return new SymbolInformation(OutlineBuilder.Describe(source, rule), SymbolKind.Event, At(rule.Span), rule.Model.Text);
                    break;
            }
        }
    }
}
