using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.DocumentSymbols;

/// <summary>The outline of a file from its tree: the job, imports, settings, models with their points and attributes, rules with their outputs.</summary>
public static class OutlineBuilder
{
    public static DocumentSymbol[] Build(SyntaxTree tree)
    {
        var source = tree.Source;
        var symbols = new List<DocumentSymbol>();
        foreach (var declaration in tree.Root.Declarations)
        {
            if (Declaration(source, declaration) is { } symbol)
                symbols.Add(symbol);
        }
        return symbols.ToArray();
    }

    /// <summary>A short description of a rule, as its header reads: <c>aggregate WindTurbine window tumbling 10m</c>.</summary>
    public static string Describe(SourceText source, RuleSyntax rule) => rule switch
    {
        AggregateRuleSyntax aggregate => $"aggregate {aggregate.Model.Text} window {source.ToString(aggregate.Window.Span)}",
        MergeRuleSyntax merge => $"merge {merge.Model.Text} {source.ToString(merge.Trigger.Span)}",
        EnergyRuleSyntax energy => $"energy {energy.Model.Text} from {source.ToString(energy.Source.Span)} by {energy.Method.Text}",
        _ => rule.Model.Text,
    };

    private static DocumentSymbol? Declaration(SourceText source, DeclarationSyntax declaration) => declaration switch
    {
        JobDeclarationSyntax job => Symbol(source, Name(job.Name, "job"), job.Description?.Value, SymbolKind.Module, job.Span, job.Name.Span, null),
        ImportDeclarationSyntax import => Symbol(source, $"import \"{import.Path.Value}\"", null, SymbolKind.File, import.Span, import.Path.Span, null),
        SettingsDeclarationSyntax settings => Symbol(source, "settings", null, SymbolKind.Namespace, settings.Span, Head(settings.Span, "settings"),
            settings.Settings.Select(s => Symbol(source, Name(s.Key, "setting"), source.ToString(s.Value.Span), SymbolKind.Property, s.Span, s.Key.Span, null)).ToArray()),
        ModelDeclarationSyntax model => Symbol(source, Name(model.Name, "model"), "model", SymbolKind.Class, model.Span, model.Name.Span,
            model.Members.Select(m => Member(source, m)).ToArray()),
        RuleSyntax rule => Symbol(source, Describe(source, rule), null, SymbolKind.Event, rule.Span, rule.Model.Span,
            Outputs(rule).Select(o => Symbol(source, Name(o.Name, "output"), o.Detail, SymbolKind.Property, o.Span, o.Name.Span, null)).ToArray()),
        AlarmDeclarationSyntax alarm => Symbol(source, "alarm", null, SymbolKind.Event, alarm.Span, Head(alarm.Span, "alarm"), null),
        ScheduleDeclarationSyntax schedule => Symbol(source, "schedule", source.ToString(schedule.Span), SymbolKind.Event, schedule.Span, Head(schedule.Span, "schedule"), null),
        _ => null,
    };

    private static DocumentSymbol Member(SourceText source, ModelMemberSyntax member) => member switch
    {
        PointDeclarationSyntax point => Symbol(source, Name(point.Name, "point"), Detail(source, point), SymbolKind.Field, point.Span, point.Name.Span, null),
        AttributeDeclarationSyntax attribute => Symbol(source, Name(attribute.Name, "attribute"), Detail(source, attribute), SymbolKind.Constant, attribute.Span, attribute.Name.Span, null),
        _ => Symbol(source, Name(member.Name, "member"), null, SymbolKind.Field, member.Span, member.Name.Span, null),
    };

    private static IEnumerable<(NameSyntax Name, string Detail, TextSpan Span)> Outputs(RuleSyntax rule) => rule switch
    {
        AggregateRuleSyntax aggregate => aggregate.Outputs.Select(o => (o.Target, o.Function.Text, o.Span)),
        MergeRuleSyntax merge => merge.Outputs.Select(o => (o.Target, "merge", o.Span)),
        EnergyRuleSyntax energy => energy.Clauses.Select(c => c switch
        {
            DailyClauseSyntax daily => (daily.Target, "daily", daily.Span),
            EveryClauseSyntax every => (every.Target, "every", every.Span),
            _ => default((NameSyntax, string, TextSpan)?),
        }).OfType<(NameSyntax, string, TextSpan)>(),
        _ => [],
    };

    private static string Detail(SourceText source, PointDeclarationSyntax point) =>
        string.Join(' ', new[] { point.Kind.Text, point.Type?.Name.Text, point.Unit?.Text, point.Range is null ? null : "range " + source.ToString(point.Range.Span) }.Where(s => !string.IsNullOrEmpty(s)));

    private static string Detail(SourceText source, AttributeDeclarationSyntax attribute) =>
        string.Join(' ', new[] { "attribute", attribute.Type?.Name.Text, attribute.Default is null ? null : "= " + source.ToString(attribute.Default.Span), attribute.Unit?.Text }.Where(s => !string.IsNullOrEmpty(s)));

    private static string Name(NameSyntax name, string fallback) => name.IsMissing ? $"({fallback})" : name.Text;

    private static TextSpan Head(TextSpan span, string keyword) => new(span.Start, Math.Min(keyword.Length, span.Length));

    private static DocumentSymbol Symbol(SourceText source, string name, string? detail, int kind, TextSpan span, TextSpan selection, DocumentSymbol[]? children)
    {
        // LSP requires the selection inside the range; a recovered tree may not guarantee it.
        if (!span.Contains(selection))
            selection = new TextSpan(span.Start, 0);
        return new DocumentSymbol(name, detail, kind, TextPositions.ToRange(source, span), TextPositions.ToRange(source, selection), children);
    }
}
