using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly string[] _missingModes = ["last", "ignore"];

    private BoundEnergyRule? BindEnergy(EnergyRuleSyntax syntax, int ordinal)
    {
        var model = BindRuleModel(syntax);
        var method = BindEnergyMethod(syntax.Method);
        var (clauses, ok) = CollectEnergyClauses(syntax, method);
        ok &= method is not null;

        var (lateness, missing, everyPeriod, clausesOk) = BindModelFreeEnergyClauses(syntax, clauses);
        ok &= clausesOk;

        if (model is null)
            return null;
        _semantic.Scopes.Add(new RuleScope(_source, syntax.Span, model, RuleKind.Energy));

        var source = BindPointReference(syntax.Source, model, "the energy source");
        if (source is not null && method is { } m && !_pointsWithErrors.Contains(source) && !IsValidEnergySource(source, m))
        {
            var needs = m == EnergyMethod.Meter ? "a numeric pi or ai point (a meter reading)" : "a numeric ai point (power)";
            Report(DiagnosticDescriptors.EnergySourceKind, syntax.Source.Span, syntax.Method.Text, needs, source.Name, DescribePoint(source));
            ok = false;
        }
        else if (source is { Unit: { } unit } && method is { } known)
        {
            CheckSourceUnit(syntax, source, unit, known, scaled: clauses.Scale is not null);
        }

        var line = LineOf(syntax.Span);
        var targets = new Dictionary<PointSymbol, int>();
        var daily = clauses.Daily is null ? null : BindEnergyTarget(clauses.Daily.Target, model, line, targets);
        var everyTarget = clauses.Every is null ? null : BindEnergyTarget(clauses.Every.Target, model, line, targets);
        ok &= (clauses.Daily is null || daily is not null) && (clauses.Every is null || everyTarget is not null);

        var constants = (string usage) => BindingContext.AttributesAndConstants(model, RuleKind.Energy, usage);
        BoundInterval? slope = null;
        if (clauses.Slope is not null && syntax.ClausesWithSyntaxErrors.Contains(clauses.Slope))
        {
            ok = false;
        }
        else if (clauses.Slope is not null)
        {
            slope = BindInterval(clauses.Slope.Interval, constants("The slope"));
            ok &= slope.Lower.Type != DataType.Error && slope.Upper.Type != DataType.Error;
        }
        else if (method == EnergyMethod.Meter)
        {
            // Without a slope every rising step counts; a falling one (a reset) is discarded.
            _metersWithoutSlope.Add((syntax.Method.Span, clauses.Rollover is not null));
            slope = new BoundInterval(new BoundLiteral(0.0, DataType.Double), true, new BoundLiteral(double.PositiveInfinity, DataType.Double), false);
        }

        BoundExpression scale = new BoundLiteral(1.0, DataType.Double);
        // A clause a syntax error broke was reported as that error; its value is what was left of it.
        if (clauses.Scale is not null && syntax.ClausesWithSyntaxErrors.Contains(clauses.Scale))
        {
            ok = false;
        }
        else if (clauses.Scale is not null)
        {
            scale = BindNumeric(clauses.Scale.Value, constants("The scale"), "The scale");
            ok &= scale.Type != DataType.Error && CheckScale(clauses.Scale.Value, scale);
        }

        double? rollover = null;
        if (clauses.Rollover is not null && syntax.ClausesWithSyntaxErrors.Contains(clauses.Rollover))
        {
            ok = false;
        }
        else if (clauses.Rollover is not null)
        {
            rollover = BindRollover(clauses.Rollover.Value, model);
            ok &= rollover is not null;
        }

        BoundInterval? range = null;
        if (clauses.Range is not null && syntax.ClausesWithSyntaxErrors.Contains(clauses.Range))
        {
            ok = false;
        }
        else if (clauses.Range is not null)
        {
            range = BindInterval(clauses.Range.Interval, constants("The range"));
            ok &= range.Lower.Type != DataType.Error && range.Upper.Type != DataType.Error;
        }

        if (!ok || source is null || method is not { } energyMethod)
            return null;
        var every = everyTarget is not null && everyPeriod is { } p ? new BoundEnergyInterval(p, everyTarget) : null;
        return new BoundEnergyRule(model, ordinal, _source, syntax.Span, source, energyMethod, slope, scale, daily, every, rollover,
            clauses.Split is not null, range, missing, lateness, ToKilo(source.Unit, energyMethod == EnergyMethod.Meter ? "Wh" : "W"));
    }

    /// <summary>
    /// A source unit the method does not convert is read as kW or kWh (<see cref="ToKilo"/>), which
    /// for a unit in the wrong case (`w`, `kwh`) or of the other kind (a meter in kW) is off by a
    /// thousand or meaningless. A unit of neither kind with a <c>scale</c> (a pulse counter) is
    /// the rule's to convert.
    /// </summary>
    private void CheckSourceUnit(EnergyRuleSyntax syntax, PointSymbol source, string unit, EnergyMethod method, bool scaled)
    {
        var meter = method == EnergyMethod.Meter;
        string[] converted = meter ? ["Wh", "kWh", "MWh", "GWh"] : ["W", "kW", "MW", "GW"];
        string[] otherKind = meter ? ["W", "kW", "MW", "GW"] : ["Wh", "kWh", "MWh", "GWh"];
        if (converted.Contains(unit, StringComparer.Ordinal))
            return;

        var hint = converted.FirstOrDefault(u => string.Equals(u, unit, StringComparison.OrdinalIgnoreCase)) is { } cased
            ? $" Did you mean \"{cased}\"?"
            : otherKind.Contains(unit, StringComparer.OrdinalIgnoreCase)
                ? meter
                    ? " A meter reads an energy register (Wh, kWh, MWh or GWh); for power use by instant_power or by average_power."
                    : " Power methods read power (W, kW, MW or GW); for an energy register use by meter."
                : scaled ? null : $" Declare it in {string.Join(", ", converted[..^1])} or {converted[^1]}.";
        if (hint is null)
            return;
        Report(DiagnosticDescriptors.EnergyInputUnit, syntax.Source.Span, source.Name, unit, "by " + syntax.Method.Text, meter ? "kWh" : "kW", hint);
    }

    /// <summary>The factor from the source's unit to kW (power, <paramref name="baseUnit"/> W) or kWh (a meter, Wh).</summary>
    private static double ToKilo(string? unit, string baseUnit) => unit switch
    {
        _ when unit == baseUnit => 0.001,
        _ when unit == "M" + baseUnit => 1_000,
        _ when unit == "G" + baseUnit => 1_000_000,
        _ => 1,
    };

    /// <summary>The clauses that need no model (durations, modes, the output check), so they are checked even when the model is unknown.</summary>
    private (Duration Lateness, MissingMode Missing, Duration? EveryPeriod, bool Ok) BindModelFreeEnergyClauses(EnergyRuleSyntax syntax, EnergyClauses clauses)
    {
        var ok = true;
        var lateness = _settings.Lateness;
        var missing = MissingMode.Ignore;
        Duration? everyPeriod = null;
        if (clauses.Lateness is not null)
        {
            var value = BindLateness(clauses.Lateness.Lateness);
            ok &= value is not null;
            lateness = value ?? lateness;
        }
        if (clauses.Missing is not null)
        {
            var value = BindMissingMode(clauses.Missing.Mode);
            ok &= value is not null;
            missing = value ?? missing;
        }
        if (clauses.Every is not null)
        {
            everyPeriod = BindPeriod(clauses.Every.Period, "energy interval");
            ok &= everyPeriod is not null;
            WarnIfNoTimeZone(everyPeriod, clauses.Every.Period, $"{everyPeriod} energy interval");
        }
        if (clauses.Daily is not null)
            WarnIfNoTimeZone(new Duration(1, DurationUnit.Days, true), clauses.Daily, "daily energy total");
        if (clauses.Daily is null && clauses.Every is null)
        {
            // After a syntax error in the rule (`daly Daily`) the output may be the clause it broke:
            // that error is the one to fix, and saying the rule writes nothing would restate it.
            if (!syntax.HasSyntaxError)
                Report(DiagnosticDescriptors.EnergyWithoutOutput, KeywordSpan(syntax, "energy"));
            ok = false;
        }
        return (lateness, missing, everyPeriod, ok);
    }

    private EnergyMethod? BindEnergyMethod(NameSyntax method)
    {
        if (EnergyFacts.TryGetMethod(method.Text, out var known))
            return known;
        if (method.IsMissing)
            return null;
        if (method.Text.Equals("power", StringComparison.OrdinalIgnoreCase))
            Report(DiagnosticDescriptors.UnknownWord, method.Span, method.Text, "energy method",
                " Power is integrated by instant_power (the trapezoid between two samples) or by average_power (each sample the average of the interval it closes).");
        else if (_energyMethodSynonyms.TryGetValue(method.Text, out var ours))
            Report(DiagnosticDescriptors.UnknownWord, method.Span, method.Text, "energy method", $" Did you mean \"{ours}\"?");
        else
            ReportUnknownWord(method, "energy method", EnergyFacts.MethodNames);
        return null;
    }

    // What other systems call the methods: the nearest spelling of "register" or "integral" is
    // no method at all, and "Use meter, instant_power or average_power" leaves the choice open.
    private static readonly Dictionary<string, string> _energyMethodSynonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["register"] = "meter",
        ["counter"] = "meter",
        ["totalizer"] = "meter",
        ["totaliser"] = "meter",
        ["reading"] = "meter",
        ["readings"] = "meter",
        ["cumulative"] = "meter",
        ["integral"] = "instant_power",
        ["integration"] = "instant_power",
        ["trapezoid"] = "instant_power",
        ["trapezoidal"] = "instant_power",
        ["instant"] = "instant_power",
        ["instantaneous"] = "instant_power",
        ["average"] = "average_power",
        ["avg"] = "average_power",
        ["mean"] = "average_power",
        ["rectangle"] = "average_power",
    };

    private MissingMode? BindMissingMode(NameSyntax mode)
    {
        switch (mode.Text)
        {
            case "last": return MissingMode.Last;
            case "ignore": return MissingMode.Ignore;
            default:
                if (!mode.IsMissing)
                    ReportUnknownWord(mode, "missing mode", _missingModes);
                return null;
        }
    }

    private static bool IsValidEnergySource(PointSymbol source, EnergyMethod method) =>
        source.Type.IsNumeric() && (method == EnergyMethod.Meter
            ? source.PointKind is PointKind.Pulse or PointKind.Analog
            : source.PointKind == PointKind.Analog);

    /// <summary>Energy goes to pi points of type double.</summary>
    private PointSymbol? BindEnergyTarget(NameSyntax target, ModelSymbol model, int ruleLine, Dictionary<PointSymbol, int> targets)
    {
        var point = BindTarget(target, model, RuleKind.Energy, ruleLine, targets);
        if (point is null || _pointsWithErrors.Contains(point))
            return point;
        if (point.PointKind == PointKind.Pulse && point.Type == DataType.Double)
        {
            if (point.Unit is { } unit && unit != "kWh")
                Report(DiagnosticDescriptors.EnergyOutputUnit, target.Span, point.Name, unit);
            return point;
        }
        Report(DiagnosticDescriptors.EnergyTargetNotPi, target.Span, point.Name, DescribePoint(point));
        return null;
    }

    /// <summary>A numeric expression converted to double (scale).</summary>
    private BoundExpression BindNumeric(ExpressionSyntax syntax, BindingContext context, string what)
    {
        var bound = BindExpression(syntax, context);
        if (bound.Type == DataType.Error)
            return bound;
        if (bound.Type.IsNumeric())
            return ConvertTo(bound, DataType.Double);
        Report(DiagnosticDescriptors.NumberRequired, syntax.Span, what, bound.Type.ToKeyword());
        return _error;
    }

    /// <summary>
    /// A constant scale of 0 makes every total 0 and one that is not finite makes none a number.
    /// A negative one is a multiplier a user means: it turns a register or a power point whose
    /// sign is reversed (a current transformer mounted the other way) into the energy it stands for.
    /// </summary>
    private bool CheckScale(ExpressionSyntax syntax, BoundExpression scale)
    {
        if (scale.Type == DataType.Error || ConstantFolder.TryEvaluate(scale) is not double value || (value != 0 && double.IsFinite(value)))
            return true;
        var consequence = value == 0 ? "every step would count 0 kWh" : "no total would be a number";
        Report(DiagnosticDescriptors.ScaleWithoutEffect, syntax.Span, FormatNumber(value), consequence);
        return false;
    }

    private double? BindRollover(ExpressionSyntax syntax, ModelSymbol model)
    {
        var bound = BindNumeric(syntax, BindingContext.Constants(model, "The rollover"), "The rollover");
        if (bound.Type == DataType.Error)
            return null;
        if (ConstantFolder.TryEvaluate(bound) is double value && value > 0)
            return value;
        Report(DiagnosticDescriptors.ValueNotPositive, syntax.Span, "rollover");
        return null;
    }

    /// <summary>The clauses of an energy block by kind; repeats and clauses the method does not take are reported.</summary>
    private (EnergyClauses Clauses, bool Ok) CollectEnergyClauses(EnergyRuleSyntax syntax, EnergyMethod? method)
    {
        var clauses = new EnergyClauses();
        var ok = true;
        var seen = new HashSet<Type>();
        foreach (var clause in syntax.Clauses)
        {
            var name = ClauseName(clause);
            if (!seen.Add(clause.GetType()))
            {
                Report(DiagnosticDescriptors.DuplicateClause, KeywordSpan(clause, name), $"{name} clause");
                ok = false;
                continue;
            }

            var takenBy = EnergyFacts.MethodsTaking(name);
            if (method is { } m && !takenBy.Contains(m))
            {
                Report(DiagnosticDescriptors.ClauseNotAllowed, KeywordSpan(clause, name), name, string.Join(" and ", takenBy.Select(t => $"by {EnergyFacts.NameOf(t)}")));
                ok = false;
                continue;
            }

            clauses.Add(clause);
        }
        return (clauses, ok);
    }

    private static string ClauseName(EnergyClauseSyntax clause) => clause switch
    {
        SlopeClauseSyntax => "slope",
        ScaleClauseSyntax => "scale",
        DailyClauseSyntax => "daily",
        EveryClauseSyntax => "every",
        RolloverClauseSyntax => "rollover",
        SplitClauseSyntax => "split",
        RangeClauseSyntax => "range",
        MissingClauseSyntax => "missing",
        _ => "lateness",
    };
}
