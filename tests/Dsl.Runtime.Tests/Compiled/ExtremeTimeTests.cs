using Dsl.Runtime.Sources;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// The earliest and latest times a record may carry (<see cref="RecordTime"/>) still have local
/// calendar units around them, in a zone on either side of UTC: monthly windows and a daily energy
/// total place them, step past them and close them without failing, whatever the lateness.
/// </summary>
public sealed class ExtremeTimeTests
{
    /// <summary>
    /// With the longest lateness (100 years) too: bounds a lateness before the earliest time, or
    /// after the latest, fall outside the calendar.
    /// </summary>
    [Theory]
    [InlineData("America/Los_Angeles", "0s")]
    [InlineData("Pacific/Kiritimati", "0s")]
    [InlineData("America/Los_Angeles", "36500d")]
    [InlineData("Pacific/Kiritimati", "36500d")]
    public void The_first_and_last_accepted_times_fit_calendar_windows_and_days(string zone, string lateness)
    {
        string source = $$"""
            job extremes
            settings { channel offline  timezone "{{zone}}"  lateness {{lateness}} }
            model M {
              ai P
              pi Meter: double kWh
              ai Count: long
              pi Daily kWh
            }
            aggregate M window tumbling 1mo { Count = count(P) }
            energy M from Meter by meter { daily Daily }
            """;
        using var run = new ModelRun(source);
        foreach ((string asset, long time) in new[] { ("early", RecordTime.Earliest), ("late", RecordTime.Latest - 60_000), ("late", RecordTime.Latest) })
        {
            run.Add("P", time, 1, asset: asset).Add("Meter", time, time == RecordTime.Latest ? 2 : 1, asset: asset);
        }

        run.Complete();

        Assert.Equal([1d, 2d], run.Outputs.Where(o => o.Point == "Count").Select(o => o.Value).Order());
        // The early meter's one reading makes no step: its day is 0. The late meter steps by 1 in its last day.
        Assert.Equal([("early", 0d), ("late", 1d)], run.Records.Where(o => o.Point == "Daily").Select(o => (o.Asset, o.Value)).Order());
    }
}
