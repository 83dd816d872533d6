using Dsl.Compiler;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Handlers.Diagnostics;
using Dsl.LanguageServer.Language;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.CodeActions;

/// <summary>
/// "Add the missing output point to the model": declares the point an output writes, in
/// the model's own file (which may be an imported library), with a kind and type that fit
/// the output: pi kWh for energy, the expression's type (and unit, where it can be known) for merge, the statistic's for aggregate.
/// </summary>
internal static class MissingOutputPoint
{
    public static CodeAction? Create(Workspace workspace, SymbolFinder finder, TextDocument document, Compilation compilation, Diagnostic diagnostic)
    {
        var tree = compilation.SyntaxTree;
        var semantic = compilation.GetSemanticModel();
        foreach (var rule in tree.Root.Declarations.OfType<RuleSyntax>())
        {
            if (!rule.Span.Contains(diagnostic.Span) || Declaration(rule, diagnostic.Span, semantic) is not { } declaration)
                continue;
            var model = semantic.Models.FirstOrDefault(m => m.Name == rule.Model.Text);
            if (model is null || InsertionEdit(model, declaration) is not { } edit)
                return null;
            return new CodeAction(
                $"Add '{declaration}' to model '{model.Name}'",
                "quickfix",
                [DiagnosticMapper.ToLsp(diagnostic)],
                new WorkspaceEdit(new Dictionary<string, TextEdit[]> { [finder.UriOf(model.DeclaringFile)] = [edit] }),
                IsPreferred: false);
        }
        return null;
    }

    private static string? Declaration(RuleSyntax rule, TextSpan span, SemanticModel semantic)
    {
        switch (rule)
        {
            case EnergyRuleSyntax energy:
                var target = energy.Clauses.Select(c => c switch
                {
                    DailyClauseSyntax daily => daily.Target,
                    EveryClauseSyntax every => every.Target,
                    _ => null,
                }).FirstOrDefault(t => t?.Span == span);
                return target is null ? null : $"pi {LanguageFacts.Quote(target.Text)} kWh";
            case MergeRuleSyntax merge:
                var output = merge.Outputs.FirstOrDefault(o => o.Target.Span == span);
                if (output is null)
                    return null;
                var unit = semantic.Models.FirstOrDefault(m => m.Name == merge.Model.Text) is { } model ? ExpressionUnit.Of(output.Value, model, semantic.Models) : null;
                return Point(output.Target.Text, semantic.GetType(output.Value) ?? DataType.Double, unit);
            case AggregateRuleSyntax aggregate:
                var aggregateOutput = aggregate.Outputs.FirstOrDefault(o => o.Target.Span == span);
                if (aggregateOutput is null)
                    return null;
                var argument = aggregateOutput.Arguments.FirstOrDefault();
                var argumentType = argument is null ? DataType.Double : semantic.GetType(argument) ?? DataType.Double;
                // A count has no unit; a variance is in the square of the argument's, an integral in its unit times hours.
                var statisticUnit = argument is not null && aggregateOutput.Function.Text is not ("count" or "integral" or "variance")
                    && semantic.Models.FirstOrDefault(m => m.Name == aggregate.Model.Text) is { } aggregated
                    ? ExpressionUnit.Of(argument, aggregated, semantic.Models)
                    : null;
                return Point(aggregateOutput.Target.Text, AggregateType(aggregateOutput.Function.Text, argumentType), statisticUnit);
            default:
                return null;
        }
    }

    private static DataType AggregateType(string function, DataType argument) => function switch
    {
        "count" => DataType.Long,
        "min" or "max" or "first" or "last" => argument == DataType.Error ? DataType.Double : argument,
        "sum" or "spread" or "delta" => argument is DataType.Int or DataType.Long ? DataType.Long : DataType.Double,
        _ => DataType.Double,
    };

    private static string Point(string name, DataType type, string? unit)
    {
        var kind = type is DataType.Bool or DataType.String ? "generic" : "ai";
        var text = $"{kind} {LanguageFacts.Quote(name)}";
        if (type is not (DataType.Double or DataType.Error))
            text += ": " + type.ToKeyword();
        if (unit is not null)
            text += " " + UnitText(unit);
        return text;
    }

    /// <summary>
    /// A unit as it must be written: bare only where the word reads as a unit. A reserved word
    /// (<c>in</c>, inches), <c>range</c> or a point kind would end the declaration, and a type name
    /// would be taken for the point's type (DSL3062), so these are quoted, as the model quotes them.
    /// </summary>
    private static string UnitText(string unit) =>
        LanguageFacts.IsIdentifier(unit) && !LanguageFacts.ReservedWords.Contains(unit) && unit is not ("range" or "ai" or "di" or "pi" or "generic" or "double" or "int" or "long" or "bool" or "string")
            ? unit
            : $"\"{unit.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    private static TextEdit? InsertionEdit(ModelSymbol model, string declaration)
    {
        var source = model.DeclaringFile;
        var text = source.Text;
        var close = model.DeclarationSpan.End - 1;
        if (close < 0 || close >= text.Length || text[close] != '}')
            return null;

        var indent = "  ";
        if (model.Members.LastOrDefault() is { } last)
        {
            var memberLine = source.GetLinePosition(last.NameSpan.Start).Line;
            indent = Indentation(source, memberLine);
            // Members on the header line (`model M { ai P kW }`): the new line is one level inside the model.
            if (memberLine == source.GetLinePosition(model.DeclarationSpan.Start).Line)
                indent += "  ";
        }

        var closeLine = source.GetLineSpan(source.GetLinePosition(close).Line);
        var onOwnLine = string.IsNullOrWhiteSpace(text[closeLine.Start..close]);
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        if (onOwnLine)
            return new TextEdit(TextPositions.ToRange(source, new TextSpan(closeLine.Start, 0)), indent + declaration + newline);

        // The `}` follows a member on its line: the spaces before it would be left at the end of that line.
        var spaces = close;
        while (spaces > closeLine.Start && text[spaces - 1] is ' ' or '\t')
            spaces--;
        return new TextEdit(TextPositions.ToRange(source, TextSpan.FromBounds(spaces, close)), newline + indent + declaration + newline);
    }

    private static string Indentation(SourceText source, int line)
    {
        var start = source.GetLineSpan(line).Start;
        return new string(source.Text[start..].TakeWhile(c => c is ' ' or '\t').ToArray());
    }
}
