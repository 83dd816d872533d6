using Dsl.Compiler.Binding;
using Dsl.Compiler.Planning;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Emit;

/// <summary>The manifest: what the runtime knows about the job besides its code.</summary>
internal sealed partial class JobEmitter
{
    private void WriteManifest()
    {
        var job = _plan.Job;
        _code.Line("public static JobManifest StaticManifest { get; } = new(")
            .Line($"    Name: {CSharpNames.Literal(job.Name)},")
            .Line($"    Version: {CSharpNames.Literal(_plan.Version)},")
            .Line($"    Channel: JobChannel.{job.Settings.Channel},")
            .Line($"    TimeZone: {CSharpNames.Literal(job.Settings.TimeZone)},")
            .Line($"    DefaultLatenessMs: {CSharpNames.Literal(job.Settings.Lateness.Milliseconds)},")
            .Line($"    IdleMs: {CSharpNames.Literal(job.Settings.Idle.Milliseconds)},")
            .Line("    Models:")
            .Line("    [");
        foreach (var model in _plan.Models)
        {
            _code.Line($"        new ModelManifest({CSharpNames.Literal(model.Symbol.Name)},")
                .Line("        [");
            foreach (var attribute in model.Attributes)
                _code.Line($"            new AttributeManifest({CSharpNames.Literal(attribute.Name)}, PointValueType.{attribute.Type}, {Unit(attribute.Unit)}, {DefaultValue(attribute.DefaultValue)}),");
            _code.Line("        ]),");
        }
        _code.Line("    ],")
            .Line("    Points:")
            .Line("    [");
        foreach (var point in _plan.Points)
        {
            var symbol = point.Symbol;
            _code.Line($"        new PointManifest({CSharpNames.Literal(symbol.Model.Name)}, {CSharpNames.Literal(symbol.Name)}, PointKind.{Kind(symbol.PointKind)}, " +
                $"PointValueType.{symbol.Type}, {Unit(symbol.Unit)}, {Range(symbol.Range)}, IsInput: {CSharpNames.Literal(point.IsInput)}, IsOutput: {CSharpNames.Literal(point.IsOutput)}),");
        }
        _code.Line("    ],")
            .Line("    Operators:")
            .Line("    [");
        foreach (var op in _plan.Operators)
            _code.Line($"        new OperatorManifest({CSharpNames.Literal(op.Name)}, {CSharpNames.Literal(op.Kind)}, {CSharpNames.Literal(op.Fingerprint)}),");
        _code.Line("    ]);")
            .Line();
    }

    private static string Unit(string? unit) => unit is null ? "null" : CSharpNames.Literal(unit);

    private static string Kind(PointKind kind) => kind switch
    {
        PointKind.Analog => "Ai",
        PointKind.Digital => "Di",
        PointKind.Pulse => "Pi",
        _ => "Generic",
    };

    private static string Range(ValueRange? range) => range is null
        ? "null"
        : $"new ValueInterval({CSharpNames.Literal(range.Lower)}, {CSharpNames.Literal(range.LowerInclusive)}, {CSharpNames.Literal(range.Upper)}, {CSharpNames.Literal(range.UpperInclusive)})";

    private static string DefaultValue(object? value) => value switch
    {
        null => "null",
        bool b => $"PointValue.FromBool({CSharpNames.Literal(b)})",
        string s => $"PointValue.FromText({CSharpNames.Literal(s)})",
        double d => $"PointValue.FromNumber({CSharpNames.Literal(d)})",
        long l => $"PointValue.FromNumber({CSharpNames.Literal((double)l)})",
        int i => $"PointValue.FromNumber({CSharpNames.Literal((double)i)})",
        _ => throw new InvalidOperationException($"No default value of type {value.GetType().Name}."),
    };

    private static string Milliseconds(Duration? duration) => CSharpNames.Literal(duration?.Milliseconds ?? 0);

    /// <summary>A grid for <c>every D</c>: calendar for 1d, 1w, 1mo; epoch-aligned otherwise.</summary>
    private static string Grid(Duration period) => period.IsCalendar
        ? $"GridSpec.Calendric({Calendar(period)})"
        : $"GridSpec.Fixed({CSharpNames.Literal(period.Milliseconds)})";

    private static string Calendar(Duration period) => period.Unit switch
    {
        Syntax.DurationUnit.Days => "CalendarUnit.Day",
        Syntax.DurationUnit.Weeks => "CalendarUnit.Week",
        _ => "CalendarUnit.Month",
    };
}
