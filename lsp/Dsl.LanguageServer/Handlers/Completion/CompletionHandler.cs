using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Language;
using Dsl.LanguageServer.Protocol.Messages;
using LspKind = Dsl.LanguageServer.Protocol.Messages.CompletionItemKind;

namespace Dsl.LanguageServer.Handlers.Completion;

/// <summary>
/// textDocument/completion: what fits at the cursor, from <see cref="CursorContextAnalyzer"/>
/// (the place) and the compilation (the models, points, attributes and functions in scope).
/// </summary>
public sealed class CompletionHandler(Workspace workspace)
{
    private static readonly string[] _commonDurations = ["1s", "30s", "1m", "5m", "10m", "15m", "30m", "1h", "1d", "1w", "1mo"];

    private readonly Workspace _workspace = workspace;

    /// <summary>
    /// Whether the client said it takes snippets. LSP allows them only then: a client that does
    /// not would insert <c>round($1)$0</c> as it is written. Set from the client's capabilities.
    /// </summary>
    public bool SnippetSupport { get; set; }

    public CompletionList Handle(CompletionParams request, CancellationToken cancellationToken)
    {
        var document = _workspace.GetDocument(request.TextDocument.Uri);
        var source = document.Source;
        var position = TextPositions.ToOffset(source, request.Position);
        var tree = _workspace.GetSyntax(document).Tree;
        var context = CursorContextAnalyzer.Analyze(tree, position);
        var range = TextPositions.ToRange(source, context.Replace);
        cancellationToken.ThrowIfCancellationRequested();

        var items = new ItemBuilder(range, source.ToString(context.Replace).StartsWith('`'), SnippetSupport);
        switch (context.Place)
        {
            case CursorPlace.TopLevel:
                items.Keywords(LanguageFacts.TopLevelKeywords.Except(DeclaredOnceElsewhere(tree, position)));
                break;
            case CursorPlace.Words:
                items.Keywords(context.Words);
                break;
            case CursorPlace.Type:
                items.Keywords(LanguageFacts.Types);
                break;
            case CursorPlace.Model:
                items.Models(Models(document));
                break;
            case CursorPlace.Point:
                if (FindModel(document, context.ModelName) is { } pointModel)
                    items.Points(pointModel);
                break;
            case CursorPlace.OutputTarget:
                // After a complete output, what may continue it comes first, then the next
                // output's target. Only points a rule may write: not input-only (di) ones, not
                // the merge's trigger or the energy's source, for energy only pi points, none
                // another output writes and none the rule reads (DSL3061).
                items.Keywords(context.Words);
                if (FindModel(document, context.ModelName) is { } targetModel)
                {
                    var written = WrittenElsewhere(tree, targetModel.Name, context.Replace);
                    written.UnionWith(context.WrittenByRule);
                    items.Points(targetModel, p => p.PointKind != PointKind.Digital && p.Name != context.DrivenBy && !written.Contains(p.Name)
                        && !context.ReadByRule.Contains(p.Name) && (!context.EnergyOutput || p is { PointKind: PointKind.Pulse, Type: DataType.Double }));
                }
                break;
            case CursorPlace.AggregateFunction:
                items.Functions(BuiltinFunctions.Aggregate);
                break;
            case CursorPlace.Expression:
                if (FindModel(document, context.ModelName) is { } expressionModel)
                {
                    // Not the points the rule writes: its outputs are computed together (DSL3061).
                    items.Points(expressionModel, p => (context.ReadablePoints?.Contains(p.Name) ?? true) && !context.WrittenByRule.Contains(p.Name));
                    items.Attributes(expressionModel);
                    if (context.ReadablePoints is not [] && !context.IsQualified)
                        items.Name(expressionModel.Name, LspKind.Class, "model (for Model::Point)", null, sortGroup: '4');
                }
                if (context.IsQualified)
                    break;
                items.Functions(FunctionsFor(context.Block));
                // Only what can begin an operand (`then`, `else` and `in` follow one), and no bool
                // where no point is read: the bounds and scale of an energy rule are numbers.
                items.Keywords(context.ReadablePoints is [] ? ["if"] : ["if", "true", "false"], sortGroup: '5');
                break;
            case CursorPlace.Duration:
                Durations(context, items);
                break;
            case CursorPlace.TimeZone:
                foreach (var zone in LanguageFacts.CommonTimeZones)
                    items.Add(context.InString ? zone : $"\"{zone}\"", LspKind.Value, "IANA time zone", null, context.StringIsOpen ? $"{zone}\"" : null);
                break;
        }
        return new CompletionList(IsIncomplete: false, items.ToArray());
    }

    /// <summary>
    /// The declarations a file may have only once (DSL2016) that it already has away from the
    /// cursor: a second one would be an error. The one being retyped at the cursor stays.
    /// </summary>
    private static IEnumerable<string> DeclaredOnceElsewhere(SyntaxTree tree, int position) =>
        tree.Root.Declarations
            .Where(d => d is JobDeclarationSyntax or ScheduleDeclarationSyntax && !(d.Span.Start <= position && position <= d.Span.End))
            .Select(d => d is JobDeclarationSyntax ? "job" : "schedule");

    /// <summary>
    /// The points of the model that the file's rules already write, but for the output being
    /// typed over: a point is the output of one rule at most, and once in it (DSL3015, DSL2017).
    /// </summary>
    private static HashSet<string> WrittenElsewhere(SyntaxTree tree, string model, TextSpan replace) =>
        [.. tree.Root.Declarations.OfType<RuleSyntax>().Where(rule => rule.Model.Text == model).SelectMany(rule => rule.OutputTargets())
            .Where(target => !target.Span.Contains(replace))
            .Select(target => target.Text)];

    private static void Durations(CursorContext context, ItemBuilder items)
    {
        var digits = new string(context.Prefix.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            foreach (var duration in _commonDurations.Where(d => Accepts(context.Durations, d)))
                items.Add(duration, LspKind.Unit, "duration", null);
            return;
        }

        foreach (var unit in LanguageFacts.DurationUnits)
        {
            if (DurationRules.Accepts(context.Durations, digits, unit))
                items.Add(digits + unit, LspKind.Unit, LanguageFacts.DurationUnitNames[unit], null);
        }
    }

    private static bool Accepts(DurationKind kind, string duration)
    {
        var digits = new string(duration.TakeWhile(char.IsAsciiDigit).ToArray());
        return DurationRules.Accepts(kind, digits, duration[digits.Length..]);
    }

    private static IEnumerable<FunctionSymbol> FunctionsFor(BlockKind block) => block switch
    {
        BlockKind.Merge => BuiltinFunctions.Scalar.Concat(BuiltinFunctions.History).Concat(BuiltinFunctions.Time),
        BlockKind.Aggregate => BuiltinFunctions.Scalar.Concat(BuiltinFunctions.Time),
        _ => BuiltinFunctions.Scalar,
    };

    private IEnumerable<ModelSymbol> Models(TextDocument document) => _workspace.GetModels(document);

    private ModelSymbol? FindModel(TextDocument document, string? name) =>
        name is null ? null : Models(document).FirstOrDefault(m => m.Name == name);
}
