using System.Text;

namespace Dsl.Compiler.Planning;

/// <summary>A readable dump of a plan: what <c>main.plan.txt</c> baselines hold.</summary>
public static class PlanPrinter
{
    public static string Print(JobPlan plan)
    {
        var text = new StringBuilder();
        text.Append("job ").Append(plan.Name).Append('\n');
        text.Append("points\n");
        foreach (var point in plan.Points)
        {
            var role = (point.IsInput, point.IsOutput) switch
            {
                (true, true) => "chained",
                (true, false) => "input",
                _ => "output",
            };
            text.Append($"  {point.Slot,3}  {point.Symbol.QualifiedName}: {point.Symbol.Type.ToString().ToLowerInvariant()} ({role})\n");
        }
        text.Append("operators\n");
        foreach (var op in plan.Operators)
        {
            text.Append($"  {op.Name}  {op.Kind}  {op.StateSchema}  fingerprint={op.Fingerprint}\n");
            foreach (var input in op.Inputs)
                text.Append($"    reads {input.QualifiedName}\n");
            foreach (var output in op.Rule.WrittenPoints.Where(p => Writes(op, p)))
                text.Append($"    writes {output.QualifiedName}\n");
        }
        return text.ToString();
    }

    private static bool Writes(OperatorPlan op, Symbols.PointSymbol point) =>
        op is not WindowOperatorPlan window || window.Outputs.Any(o => ReferenceEquals(o.Target, point));
}
