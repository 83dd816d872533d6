using System.Reactive.Linq;
using System.Reactive.Subjects;
using Dsl.Runtime.Records;

namespace Dsl.Benchmarks.Rules;

/// <summary>
/// The same rules as a .NET developer would write them with System.Reactive: group by asset, window
/// by event time (a group per window, closed when the asset's stream moves past it), aggregate.
/// Records are pushed through a subject, as a live source would.
/// </summary>
public static class ReactiveRules
{
    public static Totals Run(RuleKind kind, RuleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = new Subject<InputRecord>();
        IObservable<double> outputs = kind switch
        {
            RuleKind.Aggregate => Aggregate(source, input.ActivePower),
            RuleKind.Merge => Merge(source, input.ActivePower, input.ReactivePower),
            RuleKind.PowerEnergy => PowerEnergy(source, input.ActivePower),
            _ => Energy(source, input.Energy),
        };

        long count = 0;
        double sum = 0;
        using (outputs.Subscribe(value =>
        {
            count++;
            sum += value;
        }))
        {
            foreach (InputRecord record in input.Records)
            {
                source.OnNext(record);
            }

            source.OnCompleted();
        }

        return new Totals(count, sum);
    }

    private static IObservable<double> Aggregate(IObservable<InputRecord> source, int point) =>
        source.Where(r => r.Point == point)
            .GroupBy(r => r.Asset)
            .SelectMany(asset => asset
                .GroupByUntil(r => r.Time / RuleJobs.WindowMs, window => asset.Where(r => r.Time / RuleJobs.WindowMs > window.Key))
                .SelectMany(window => window.Aggregate(
                    (Count: 0L, Sum: 0.0, Min: double.MaxValue, Max: double.MinValue),
                    (m, r) => (m.Count + 1, m.Sum + r.Value, Math.Min(m.Min, r.Value), Math.Max(m.Max, r.Value)))))
            .SelectMany(m => new[] { m.Sum / m.Count, m.Max, m.Min, m.Count });

    private static IObservable<double> Merge(IObservable<InputRecord> source, int activePower, int reactivePower) =>
        source.GroupBy(r => r.Asset)
            .SelectMany(asset => asset.Where(r => r.Point == activePower)
                .WithLatestFrom(asset.Where(r => r.Point == reactivePower), (p, q) => (P: p, Q: q))
                .Where(pair => pair.P.Time - pair.Q.Time <= RuleJobs.HoldMs)
                .Select(pair => Math.Sqrt((pair.P.Value * pair.P.Value) + (pair.Q.Value * pair.Q.Value))));

    /// <summary>Register steps between consecutive readings.</summary>
    private static IObservable<double> Energy(IObservable<InputRecord> source, int point) =>
        DailySums(source, point, (previous, current) => current.Value - previous.Value);

    /// <summary>The trapezoid between consecutive power samples.</summary>
    private static IObservable<double> PowerEnergy(IObservable<InputRecord> source, int point) =>
        DailySums(source, point, (previous, current) => (previous.Value + current.Value) / 2 * ((current.Time - previous.Time) / (double)RuleJobs.HourMs));

    /// <summary>Per asset, the step between each record and the one before, summed per day of the record that ends it.</summary>
    private static IObservable<double> DailySums(IObservable<InputRecord> source, int point, Func<InputRecord, InputRecord, double> step) =>
        source.Where(r => r.Point == point)
            .GroupBy(r => r.Asset)
            .SelectMany(asset =>
            {
                IObservable<(long Day, double Step)> steps = asset
                    .Scan((Records: 0, Previous: default(InputRecord), Current: default(InputRecord)), (s, r) => (s.Records + 1, s.Current, r))
                    .Select(s => (Day: s.Current.Time / RuleJobs.DayMs, Step: s.Records > 1 ? step(s.Previous, s.Current) : 0.0));
                return steps.GroupByUntil(s => s.Day, day => steps.Where(s => s.Day > day.Key))
                    .SelectMany(day => day.Sum(s => s.Step));
            });
}
