using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Parsing;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Naming;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    private BoundJob BindJob(SyntaxTree tree)
    {
        var unit = tree.Root;
        var jobs = unit.Declarations.OfType<JobDeclarationSyntax>().ToArray();
        var jobSyntax = jobs[0];
        foreach (var extra in jobs.Skip(1))
            Report(DiagnosticDescriptors.DuplicateDeclaration, KeywordSpan(extra, "job"), "job line", LineOf(jobSyntax.Span));

        var job = new JobSymbol(jobSyntax.Name.Text, jobSyntax.Description?.Value, _source, jobSyntax.Name.Span, jobSyntax.Span);
        if (!jobSyntax.Name.IsMissing)
            Declare(job, jobSyntax.Name.Span);
        // `   ` in backticks is a name to the parser, but none to a reader of the outputs.
        if (!jobSyntax.Name.IsMissing && string.IsNullOrWhiteSpace(jobSyntax.Name.Text))
            Report(DiagnosticDescriptors.BlankJobName, jobSyntax.Name.Span);

        BindSettings(unit.Declarations.OfType<SettingsDeclarationSyntax>());

        var rules = new List<BoundRule>();
        var ordinal = 0;
        foreach (var rule in unit.Declarations.OfType<RuleSyntax>())
            _outputNames.UnionWith(rule.OutputTargets().Select(target => (rule.Model.Text, target.Text)));
        foreach (var rule in unit.Declarations.OfType<RuleSyntax>())
        {
            _namesReadByRule = NamesRead(rule);
            _namesWrittenByRule = [.. rule.OutputTargets().Select(target => target.Text)];
            var bound = rule switch
            {
                AggregateRuleSyntax aggregate => BindAggregate(aggregate, ordinal),
                MergeRuleSyntax merge => BindMerge(merge, ordinal),
                EnergyRuleSyntax energy => (BoundRule?)BindEnergy(energy, ordinal),
                _ => null,
            };
            ordinal++;
            if (bound is not null)
                rules.Add(bound);
        }
        _namesReadByRule = [];
        _namesWrittenByRule = [];

        var alarms = BindAlarms(unit.Declarations.OfType<AlarmDeclarationSyntax>());
        var schedule = BindSchedules(unit.Declarations.OfType<ScheduleDeclarationSyntax>().ToArray());
        var ordered = OrderRules(rules);

        // Advice waits for an error-free file: a misspelt name would otherwise also make the
        // point it was meant to name look unused, and a rule being mended needs its errors first.
        if (!_bag.HasErrors && !tree.Diagnostics.Any(d => d.IsError))
        {
            WarnUnused();
            WarnMetersWithoutSlope();
        }

        return new BoundJob(job, _settings, [.. _models.Values], ordered, alarms, schedule, new BoundRuleGraph(ordered));
    }

    private ModelSymbol? BindRuleModel(RuleSyntax rule)
    {
        var name = rule.Model;
        if (name.IsMissing)
            return null;
        if (_models.TryGetValue(name.Text, out var model))
        {
            AddReference(model, name.Span);
            _used.Add(model);
            return model;
        }

        // With an import that could not be loaded, a model no known one is close to is most likely
        // declared in that file: its error (DSL2012…) is the one to fix, not every rule on the model.
        if (_importMissedAFile && NameSuggester.FindClosest(name.Text, _models.Keys) is null)
            return null;
        var hint = DeclaredNameHint.For(name.Text, _models.Keys, $" Declare it with \"model {ReservedWords.Quote(name.Text)} {{ … }}\" or import the file that declares it.");
        Report(DiagnosticDescriptors.UnknownModel, name.Span, name.Text, hint);
        return null;
    }

    /// <summary>
    /// False, with an error, for a rule with nothing between its braces: it would write nothing,
    /// and run for nothing, as an energy rule without daily or every would (DSL3021).
    /// </summary>
    private bool HasOutputs(RuleSyntax rule, bool emptyBody, string keyword, string example)
    {
        if (emptyBody)
            Report(DiagnosticDescriptors.RuleWithoutOutput, KeywordSpan(rule, keyword), keyword, example);
        return !emptyBody;
    }

    /// <summary>A point named in a rule header or as a history argument: bare or <c>Model::Point</c>.</summary>
    private PointSymbol? BindPointReference(PointReferenceSyntax syntax, ModelSymbol model, string role)
    {
        if (syntax.Point.IsMissing || !CheckQualifier(syntax.Model, syntax.Point, model))
            return null;

        var member = model.GetMember(syntax.Point.Text);
        if (member is null)
        {
            var hint = DeclaredNameHint.For(syntax.Point.Text, model.Points.Select(p => p.Name), $" Declare it in model \"{model.Name}\" or correct the name.");
            Report(DiagnosticDescriptors.UnknownPoint, syntax.Point.Span, "point", syntax.Point.Text, model.Name, hint);
            return null;
        }

        AddReference(member, syntax.Point.Span);
        if (member is not PointSymbol point)
        {
            Report(DiagnosticDescriptors.NotAPoint, syntax.Point.Span, member.Name, model.Name, role);
            return null;
        }
        MarkUsed(point);
        return point;
    }

    /// <summary>The points a rule names in its expressions, trigger or source.</summary>
    private static HashSet<string> NamesRead(RuleSyntax rule) =>
    [
        .. rule.DescendantsAndSelf().Select(node => node switch
        {
            NameExpressionSyntax name => name.Name.Text,
            PointReferenceSyntax point => point.Point.Text,
            _ => null,
        }).OfType<string>(),
    ];

    /// <summary>
    /// The target of an output. A point can be written by one rule only, once; <c>di</c>
    /// points are device status inputs and cannot be written at all. Only points the rule could
    /// write are suggested for a misspelt target: not those, nor <paramref name="notWritable"/>
    /// (a merge's trigger), a point the rule reads or one that a rule of the job writes already,
    /// and for energy only <c>pi</c> points.
    /// </summary>
    private PointSymbol? BindTarget(NameSyntax target, ModelSymbol model, RuleKind kind, int ruleLine, Dictionary<PointSymbol, int> ruleTargets, PointSymbol? notWritable = null)
    {
        if (target.IsMissing)
            return null;
        var member = model.GetMember(target.Text);
        if (member is null)
        {
            var writable = model.Points
                .Where(p => p.PointKind != PointKind.Digital && !ReferenceEquals(p, notWritable)
                    && !_namesReadByRule.Contains(p.Name) && !_outputNames.Contains((model.Name, p.Name))
                    && (kind != RuleKind.Energy || p.PointKind == PointKind.Pulse))
                .Select(p => p.Name);
            var hint = DeclaredNameHint.For(target.Text, writable, $" Declare it in model \"{model.Name}\" as an output point, or correct the name.");
            Report(DiagnosticDescriptors.UnknownPoint, target.Span, "point", target.Text, model.Name, hint);
            return null;
        }

        AddReference(member, target.Span);
        if (member is not PointSymbol point)
        {
            Report(DiagnosticDescriptors.NotAPoint, target.Span, member.Name, model.Name, "a rule output");
            return null;
        }

        MarkUsed(point);
        if (ruleTargets.TryGetValue(point, out var firstLine))
        {
            Report(DiagnosticDescriptors.DuplicateOutput, target.Span, point.Name, firstLine);
            return null;
        }
        ruleTargets[point] = LineOf(target.Span);

        if (point.PointKind == PointKind.Digital && !_pointsWithErrors.Contains(point))
        {
            Report(DiagnosticDescriptors.OutputPointKind, target.Span, point.Name);
            return null;
        }

        if (_writers.TryGetValue(point, out var writer))
            Report(DiagnosticDescriptors.OutputWrittenTwice, target.Span, point.Name, writer.Kind.ToString().ToLowerInvariant(), writer.Line);
        else
            _writers[point] = (kind, ruleLine);
        return point;
    }

    private void MarkUsed(PointSymbol point) => _used.Add(point);

    private void WarnUnused()
    {
        foreach (var model in _models.Values.Where(m => ReferenceEquals(m.Source, _source)))
        {
            if (!_used.Contains(model))
            {
                Report(DiagnosticDescriptors.UnusedModel, model.NameSpan, model.Name);
                continue;
            }
            foreach (var point in model.Points.Where(p => !_used.Contains(p)))
                Report(DiagnosticDescriptors.UnusedPoint, point.NameSpan, point.Name, model.Name);
        }
    }

    /// <summary>
    /// A meter rule without a slope counts a spike's rising step in full (only the step back down
    /// is discarded, and with <c>rollover</c> not even that: it is a wrap), which a rule rarely
    /// means; <c>slope [0, inf)</c> says it is meant.
    /// </summary>
    private void WarnMetersWithoutSlope()
    {
        foreach (var (method, rollover) in _metersWithoutSlope)
        {
            Report(DiagnosticDescriptors.MeterWithoutSlope, method, rollover
                ? "with rollover the step back down counts too, as a wrap of the register, and so does a reset to zero"
                : "only the step back down is discarded");
        }
    }

    /// <summary>In a model library, everything but imports and models is an error (and is not bound further).</summary>
    private void CheckLibrary(CompilationUnitSyntax unit)
    {
        foreach (var declaration in unit.Declarations)
        {
            var (keyword, what) = declaration switch
            {
                SettingsDeclarationSyntax => ("settings", "a settings block"),
                AggregateRuleSyntax => ("aggregate", "an aggregate rule"),
                MergeRuleSyntax => ("merge", "a merge rule"),
                EnergyRuleSyntax => ("energy", "an energy rule"),
                AlarmDeclarationSyntax => ("alarm", "an alarm block"),
                ScheduleDeclarationSyntax => ("schedule", "a schedule"),
                _ => ("", ""),
            };
            if (keyword.Length > 0)
                Report(DiagnosticDescriptors.LibraryMember, KeywordSpan(declaration, keyword), what);
        }
    }

    private static string KindKeyword(PointKind kind) => kind switch
    {
        PointKind.Analog => "ai",
        PointKind.Digital => "di",
        PointKind.Pulse => "pi",
        _ => "generic",
    };

    /// <summary>"an ai point of type double", for messages.</summary>
    private static string DescribePoint(PointSymbol point)
    {
        var kind = KindKeyword(point.PointKind);
        var article = kind == "ai" ? "an" : "a";
        return $"{article} {kind} point of type {point.Type.ToKeyword()}";
    }
}
