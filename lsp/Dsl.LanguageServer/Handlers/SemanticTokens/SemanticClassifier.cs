using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Analysis;
using static Dsl.LanguageServer.Handlers.SemanticTokens.SemanticTokenLegend;

namespace Dsl.LanguageServer.Handlers.SemanticTokens;

/// <summary>
/// Classifies the tokens of a tree. Names get their role from the tree (a model, a point, an
/// attribute, a function); other tokens from their lexical kind. A bare name in an expression is
/// an attribute when some model in reach declares an attribute of that name, else a point; a
/// qualified one (<c>M::K</c>) is an attribute when model <c>M</c> declares attribute <c>K</c>.
/// The set of attribute names holds both: bare names and <see cref="AttributeNames.Qualified"/> keys.
/// </summary>
public static class SemanticClassifier
{
    public static IReadOnlyList<SemanticToken> Classify(SyntaxTree tree, ISet<string>? attributeNames = null, CancellationToken cancellationToken = default)
    {
        var attributes = attributeNames ?? AttributeNames.Collect(tree);
        var roles = new Dictionary<int, (int Type, int Modifiers)>();
        foreach (var node in tree.Root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (name, type, modifiers) in Roles(node, attributes))
            {
                // The first role wins: a parent that knows better (a setting's value) comes before its children.
                if (!name.IsMissing)
                    roles.TryAdd(name.Span.Start, (type, modifiers));
            }
        }

        var result = new List<SemanticToken>();
        foreach (var token in tree.Tokens)
        {
            if (token.Span.Length == 0 || token.Kind == SyntaxTokenKind.Whitespace)
                continue;
            (int Type, int Modifiers)? classification = roles.TryGetValue(token.Span.Start, out var role) ? role : ByKind(token);
            if (classification is { } c)
                AddToken(tree.Source, token.Span, c.Type, c.Modifiers, result);
        }
        return result;
    }

    /// <summary>LSP's relative encoding: line delta, start delta, length, type, modifiers.</summary>
    public static int[] Encode(IReadOnlyList<SemanticToken> tokens)
    {
        var data = new int[tokens.Count * 5];
        var line = 0;
        var character = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            data[i * 5] = token.Line - line;
            data[i * 5 + 1] = token.Line == line ? token.Character - character : token.Character;
            data[i * 5 + 2] = token.Length;
            data[i * 5 + 3] = token.Type;
            data[i * 5 + 4] = token.Modifiers;
            line = token.Line;
            character = token.Character;
        }
        return data;
    }

    private static IEnumerable<(NameSyntax Name, int Type, int Modifiers)> Roles(SyntaxNode node, ISet<string> attributes)
    {
        switch (node)
        {
            case JobDeclarationSyntax job:
                yield return (job.Name, Namespace, DeclarationModifier);
                break;
            case ModelDeclarationSyntax model:
                yield return (model.Name, Class, DeclarationModifier);
                break;
            case PointDeclarationSyntax point:
                yield return (point.Kind, Keyword, 0);
                yield return (point.Name, Property, DeclarationModifier);
                break;
            case AttributeDeclarationSyntax attribute:
                yield return (attribute.Name, Variable, DeclarationModifier | ReadonlyModifier);
                break;
            case TypeSyntax type:
                yield return (type.Name, TypeName, 0);
                break;
            case RuleSyntax rule:
                yield return (rule.Model, Class, 0);
                if (rule is EnergyRuleSyntax energy)
                    yield return (energy.Method, EnumMember, 0);
                break;
            case PointReferenceSyntax reference:
                if (reference.Model is { } referenceModel)
                    yield return (referenceModel, Class, 0);
                yield return (reference.Point, Property, 0);
                break;
            case NameExpressionSyntax name:
                if (name.Model is { } nameModel)
                    yield return (nameModel, Class, 0);
                yield return NameRole(name.Name, name.Model, attributes);
                break;
            case CallExpressionSyntax call:
                yield return (call.Function, Function, DefaultLibraryModifier);
                break;
            case AggregateOutputSyntax output:
                yield return (output.Target, Property, 0);
                yield return output.ValueWithoutFunction is null || BuiltinFunctions.AggregateFunctions.ContainsKey(output.Function.Text)
                    ? (output.Function, Function, DefaultLibraryModifier)
                    : NameRole(output.Function, null, attributes); // `O = A`: the error's point, not a function
                break;
            case MergeOutputSyntax merge:
                yield return (merge.Target, Property, 0);
                break;
            case DailyClauseSyntax daily:
                yield return (daily.Target, Property, 0);
                break;
            case EveryClauseSyntax every:
                yield return (every.Target, Property, 0);
                break;
            case SettingSyntax setting:
                yield return (setting.Key, Keyword, 0);
                if (setting.Value is NameExpressionSyntax { Model: null } value)
                    yield return (value.Name, EnumMember, 0);
                break;
            case EmitOptionSyntax emit:
                yield return (emit.Mode, EnumMember, 0);
                break;
            case StampOptionSyntax stamp:
                yield return (stamp.Value, EnumMember, 0);
                break;
            case MissingClauseSyntax missing:
                yield return (missing.Mode, EnumMember, 0);
                break;
            case ScheduleDeclarationSyntax schedule:
                yield return (schedule.Kind, Keyword, 0);
                break;
            case AlarmConditionSyntax condition:
                yield return (condition.Metric, EnumMember, 0);
                break;
        }
    }

    /// <summary>A name in a value: an attribute when one of that name is in reach, else a point.</summary>
    private static (NameSyntax Name, int Type, int Modifiers) NameRole(NameSyntax name, NameSyntax? model, ISet<string> attributes) =>
        attributes.Contains(model is null ? name.Text : AttributeNames.Qualified(model.Text, name.Text))
            ? (name, Variable, ReadonlyModifier)
            : (name, Property, 0);

    private static (int, int)? ByKind(SyntaxToken token) => token.Kind switch
    {
        SyntaxTokenKind.Keyword => (Keyword, 0),
        SyntaxTokenKind.Number or SyntaxTokenKind.Duration or SyntaxTokenKind.TimeOfDay => (Number, 0),
        SyntaxTokenKind.String => (StringLiteral, 0),
        SyntaxTokenKind.LineComment or SyntaxTokenKind.BlockComment => (Comment, 0),
        SyntaxTokenKind.Operator => (Operator, 0),
        SyntaxTokenKind.Identifier or SyntaxTokenKind.QuotedIdentifier => (EnumMember, 0),
        _ => null,
    };

    private static void AddToken(SourceText source, TextSpan span, int type, int modifiers, List<SemanticToken> result)
    {
        var start = source.GetLinePosition(span.Start);
        var end = source.GetLinePosition(span.End);
        if (start.Line == end.Line)
        {
            result.Add(new SemanticToken(start.Line, start.Character, span.Length, type, modifiers));
            return;
        }
        // A block comment over several lines becomes one token per line.
        for (var line = start.Line; line <= end.Line && line < source.LineCount; line++)
        {
            var lineSpan = source.GetLineSpan(line);
            var from = Math.Max(lineSpan.Start, span.Start);
            var to = Math.Min(lineSpan.End, span.End);
            if (to > from)
                result.Add(new SemanticToken(line, from - lineSpan.Start, to - from, type, modifiers));
        }
    }
}
