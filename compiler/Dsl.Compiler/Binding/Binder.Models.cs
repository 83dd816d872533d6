using Dsl.Naming;
using System.Globalization;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly string[] _pointKinds = ["ai", "di", "pi", "generic"];
    private static readonly string[] _typeNames = ["double", "long", "int", "bool", "string"];

    // The members of the model being declared, by name, for messages about names its ranges and defaults use.
    private Dictionary<string, string>? _declaringMembers;

    private void DeclareModels(CompilationUnitSyntax unit)
    {
        foreach (var declaration in unit.Declarations.OfType<ModelDeclarationSyntax>())
        {
            var model = new ModelSymbol(declaration.Name.Text, _source, declaration.Name.Span, declaration.Span);
            if (!declaration.Name.IsMissing)
            {
                if (_models.TryGetValue(model.Name, out var existing))
                {
                    // Rules bind to the first declaration, the one DSL2002 points to.
                    Report(DiagnosticDescriptors.DuplicateModel, declaration.Name.Span, model.Name, LocationOf(existing));
                }
                else
                    _models[model.Name] = model;
                Declare(model, declaration.Name.Span);
            }

            _semantic.Scopes.Add(new RuleScope(_source, declaration.Span, model, null));
            model.SetMembers(BindMembers(model, declaration));
        }
    }

    private List<Symbol> BindMembers(ModelSymbol model, ModelDeclarationSyntax declaration)
    {
        var members = new List<Symbol>();
        var byName = new Dictionary<string, Symbol>(StringComparer.Ordinal);
        _declaringMembers = declaration.Members
            .GroupBy(m => m.Name.Text, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First() is PointDeclarationSyntax ? "a point" : "an attribute", StringComparer.Ordinal);
        foreach (var member in declaration.Members)
        {
            Symbol? symbol = member switch
            {
                PointDeclarationSyntax point => BindPoint(model, point),
                AttributeDeclarationSyntax attribute => BindAttribute(model, attribute),
                _ => null,
            };
            if (symbol is null || member.Name.IsMissing)
                continue;

            if (byName.TryGetValue(symbol.Name, out var first))
            {
                // A model whose name is missing (DSL1009) is not named "" in the message.
                var where = declaration.Name.IsMissing ? "this model" : $"model \"{model.Name}\"";
                Report(DiagnosticDescriptors.DuplicateMember, member.Name.Span, symbol.Name, where, LineOf(first.NameSpan));
                continue;
            }

            byName[symbol.Name] = symbol;
            members.Add(symbol);
            Declare(symbol, member.Name.Span);
        }
        _declaringMembers = null;
        return members;
    }

    private PointSymbol BindPoint(ModelSymbol model, PointDeclarationSyntax syntax)
    {
        var hasError = false;
        var kind = PointKind.Analog;
        switch (syntax.Kind.Text)
        {
            case "ai": kind = PointKind.Analog; break;
            case "di": kind = PointKind.Digital; break;
            case "pi": kind = PointKind.Pulse; break;
            case "generic": kind = PointKind.Generic; break;
            default:
                hasError = true;
                if (!syntax.Kind.IsMissing)
                    ReportUnknownWord(syntax.Kind, "point kind", _pointKinds);
                break;
        }

        var type = kind == PointKind.Digital ? DataType.Int : DataType.Double;
        var unit = syntax.Unit;
        if (syntax.Type is not null)
            type = BindTypeName(syntax.Type);
        else if (TypeWrittenAsUnit(syntax.Unit, syntax.Kind.Text, syntax.Name.Text) is { } meant)
        {
            // The point has the type meant, so that its uses are not reported as well.
            type = meant;
            unit = null;
        }
        else if (kind == PointKind.Generic && !syntax.Name.IsMissing)
        {
            // A generic point has no default type (language.md, section 3). Its uses are not
            // checked against a guessed double.
            Report(DiagnosticDescriptors.GenericPointWithoutType, syntax.Name.Span, syntax.Name.Text);
            type = DataType.Error;
        }
        if (type == DataType.Error)
            hasError = true;

        ValueRange? range = null;
        if (syntax.Range is not null)
        {
            if (type != DataType.Error && !type.IsNumeric())
                Report(DiagnosticDescriptors.RangeOnNonNumericPoint, syntax.Range.Span, syntax.Name.Text, type.ToKeyword());
            else
                range = BindConstantRange(syntax.Range, model);
        }

        var point = new PointSymbol(model, syntax.Name.Text, kind, type, unit?.Text, range, _source, syntax.Name.Span, syntax.Span);
        if (hasError)
            _pointsWithErrors.Add(point);
        return point;
    }

    private AttributeSymbol BindAttribute(ModelSymbol model, AttributeDeclarationSyntax syntax)
    {
        var unit = syntax.Unit;
        var declared = syntax.Type is null ? (DataType?)null : BindTypeName(syntax.Type);
        if (declared is null && syntax.Default is null && TypeWrittenAsUnit(syntax.Unit, "attribute", syntax.Name.Text) is { } meant)
        {
            declared = meant;
            unit = null;
        }
        object? value = null;
        var valueType = DataType.Error;
        if (syntax.Default is not null)
        {
            var context = BindingContext.Constants(model, "An attribute default");
            var bound = BindExpression(syntax.Default, context);
            valueType = bound.Type;
            if (bound.Type != DataType.Error)
            {
                // Integers exactly: a double would drop the last digits of a long.
                value = ConstantFolder.TryEvaluateInteger(bound) is { } integer ? (long)integer : ConstantFolder.TryFold(bound);
            }
        }

        // Without a declared type an attribute is what its default is; numbers are double,
        // since master data gives attributes as JSON numbers.
        var type = declared ?? (valueType is DataType.Bool or DataType.String ? valueType : DataType.Double);
        if (declared is { } target && target != DataType.Error && valueType != DataType.Error && syntax.Default is not null)
        {
            if (!valueType.IsAssignableTo(target))
            {
                Report(DiagnosticDescriptors.ValueTypeMismatch, syntax.Default.Span, "attribute", syntax.Name.Text, target.ToKeyword(), valueType.ToKeyword());
                value = null;
            }
        }

        return new AttributeSymbol(model, syntax.Name.Text, type, ConvertConstant(value, type), unit?.Text, _source, syntax.Name.Span, syntax.Span);
    }

    /// <summary>
    /// A member's type written without its colon (<c>ai Flag bool</c>) parses as its unit; no
    /// unit is called like a type, so this is reported (DSL3062) and the type it names returned.
    /// </summary>
    private DataType? TypeWrittenAsUnit(UnitSyntax? unit, string kind, string name)
    {
        if (unit is null || unit.IsQuoted || TypeNamed(unit.Text) is not { } type)
            return null;
        Report(DiagnosticDescriptors.TypeWrittenAsUnit, unit.Span, unit.Text, kind == "attribute" ? "the attribute" : "the point", name, kind);
        return type;
    }

    private DataType BindTypeName(TypeSyntax syntax)
    {
        if (TypeNamed(syntax.Name.Text) is { } type)
            return type;
        if (!syntax.Name.IsMissing)
            ReportUnknownWord(syntax.Name, "type", _typeNames);
        return DataType.Error;
    }

    private static DataType? TypeNamed(string name) => name switch
    {
        "double" => DataType.Double,
        "long" => DataType.Long,
        "int" => DataType.Int,
        "bool" => DataType.Bool,
        "string" => DataType.String,
        _ => null,
    };

    /// <summary>A point's validity range: constant bounds (infinity allowed).</summary>
    private ValueRange? BindConstantRange(IntervalSyntax syntax, ModelSymbol model)
    {
        var interval = BindInterval(syntax, BindingContext.Constants(model, "A point range"));
        if (ConstantFolder.TryEvaluate(interval.Lower) is not double lower || ConstantFolder.TryEvaluate(interval.Upper) is not double upper)
            return null;
        return new ValueRange(lower, syntax.LowerInclusive, upper, syntax.UpperInclusive);
    }

    /// <summary>The CLR value of a constant in the attribute's type (numbers arrive as long or double from folding).</summary>
    private static object? ConvertConstant(object? value, DataType type) => (value, type) switch
    {
        (null, _) => null,
        (long l, DataType.Int) when l >= int.MinValue && l <= int.MaxValue => (int)l,
        (long l, DataType.Long) => l,
        (double d, DataType.Int) when d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue => (int)d,
        (double d, DataType.Long) when d == Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue => (long)d,
        (double d, DataType.Double) => d,
        (bool b, DataType.Bool) => b,
        (string s, DataType.String) => s,
        (IConvertible c, DataType.Double) => c.ToDouble(CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>DSL2008 for a contextual word that is not one of its allowed values.</summary>
    private void ReportUnknownWord(NameSyntax word, string what, IReadOnlyList<string> allowed) =>
        Report(DiagnosticDescriptors.UnknownWord, word.Span, word.Text, what, NameSuggester.Hint(word.Text, allowed, NameSuggester.UseOneOf(allowed)));
}
