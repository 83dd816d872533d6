using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sources;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// The earliest and latest times a record may carry (<see cref="RecordTime"/>) still have local
/// calendar units around them, in a zone on either side of UTC: monthly windows and a daily energy
/// total place them, step past them and close them without failing.
/// </summary>
public sealed class ExtremeTimeTests
{
    [Theory]
    [InlineData("America/Los_Angeles")]
    [InlineData("Pacific/Kiritimati")]
    public void The_first_and_last_accepted_times_fit_calendar_windows_and_days(string zone)
    {
        string source = $$"""
            job extremes
            settings { channel offline  timezone "{{zone}}" }
            model M {
              ai P
              pi Meter: double kWh
              ai Count: long
              pi Daily kWh
            }
            aggregate M window tumbling 1mo { Count = count(P) }
            energy M from Meter by meter { daily Daily }
            """;
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(source), "extremes");
        var sink = new CollectingSink();
        var session = new JobSession(loaded.Job, sink);
        int p = session.Points.Slot("M", "P");
        int meter = session.Points.Slot("M", "Meter");
        foreach ((string asset, long time) in new[] { ("early", RecordTime.Earliest), ("late", RecordTime.Latest - 60_000), ("late", RecordTime.Latest) })
        {
            int slot = session.Assets.GetOrAdd(asset, session.Points.ModelOf(p));
            session.Process(new InputRecord(slot, p, time, 1, null, 0, IsValid: true));
            session.Process(new InputRecord(slot, meter, time, time == RecordTime.Latest ? 2 : 1, null, 0, IsValid: true));
        }

        session.Complete();

        Assert.Equal([1d, 2d], sink.Records.Where(r => r.Point == session.Points.Slot("M", "Count")).Select(r => r.Value).Order());
        Assert.Contains(sink.Records, r => r.Point == session.Points.Slot("M", "Daily") && r.Value == 1);
    }
}
