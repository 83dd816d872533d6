using Dsl.Runtime.Hosting;
using System.Globalization;
using System.Text;
using Dsl.Cli.Reporting;
using Dsl.Control.V1;

namespace Dsl.Cli.Commands;

/// <summary>How <c>dsl jobs</c> prints what the daemon answers: tables, transitions, alarms, times.</summary>
public static partial class JobsCommand
{
    private static void PrintSummaries(IEnumerable<JobSummary> jobs)
    {
        Console.Out.WriteLine($"{"JOB",-24} {"STATUS",-9} {"VERSION",7} {"CHANNEL",-9} {"SINCE",-20} REASON");
        foreach (JobSummary job in jobs)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{job.Name,-24} {Status(job.Status),-9} {job.Version,7} {Channel(job.Channel),-9} {Utc(job.StatusSince)} {job.StatusReason}"));
        }
    }

    /// <summary>
    /// Why a condition measured before is not now: a paused or failed job is not measured, and the
    /// lag of a running one is unknown until it has read a record since it started or resumed.
    /// </summary>
    private static string WhyUnmeasured(JobStatus status) => status switch
    {
        JobStatus.Paused => "the job is paused",
        JobStatus.Failed => "the job failed",
        JobStatus.Running => "the job has read no record since it started or resumed",
        _ => "the job is not running",
    };

    /// <summary>
    /// An alarm as its rule writes it, then its state: <c>alarm on errors &gt; 0 per 5m notify "ops":
    /// firing since T (value 3); last notified T; 1 delivery pending</c>.
    /// </summary>
    private static string Alarm(AlarmInfo alarm, JobStatus status)
    {
        var text = new StringBuilder($"alarm on {alarm.Condition} notify {string.Join(", ", alarm.Channels.Select(c => $"\"{c}\""))}: ");
        text.Append(alarm.State switch
        {
            AlarmState.Firing => string.Create(CultureInfo.InvariantCulture, $"firing since {Utc(alarm.Since)} (value {alarm.Value:0.###})"),
            AlarmState.Quiet => $"quiet since {Utc(alarm.Since)}",
            _ => alarm.Since is { } since ? $"not measured since {Utc(since)} ({WhyUnmeasured(status)})" : "not measured yet",
        });
        if (alarm.LastNotified is { } notified)
        {
            // Sent to no channel at all, "last notified" would read as if someone had received it.
            bool reachedNone = alarm.Undelivered.Count >= alarm.Channels.Distinct(StringComparer.Ordinal).Count();
            text.Append(reachedNone ? $"; last notification at {Utc(notified)} not delivered" : $"; last notified {Utc(notified)}");
            if (alarm.Undelivered.Count > 0)
            {
                text.Append($"{(reachedNone ? "" : ", not to all its channels")}: {string.Join(", ", alarm.Undelivered)}");
            }
        }

        if (alarm.PendingDeliveries > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {alarm.PendingDeliveries} {(alarm.PendingDeliveries == 1 ? "delivery" : "deliveries")} pending");
        }

        return text.ToString();
    }

    /// <summary>How a scheduled run ended: a run that finished is recorded as stopped.</summary>
    private static string RunStatus(JobStatus status) => status == JobStatus.Stopped ? "finished" : Status(status);

    /// <summary>A time of the daemon's, marked as UTC (as <c>dsl token list</c> writes it): read bare, it passes for local time.</summary>
    private static string Utc(Google.Protobuf.WellKnownTypes.Timestamp time) =>
        time.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void PrintTransitions(JobTransitionsResponse response)
    {
        foreach (JobTransition transition in response.Transitions)
        {
            Console.Out.WriteLine($"{transition.Name}: {Status(transition.Previous)} -> {Status(transition.Current)}");
        }
    }

    private static void PrintMetrics(MetricsResponse response)
    {
        Console.Out.WriteLine($"{"JOB",-24} {"STATUS",-9} {"IN",12} {"OUT",12} {"LATE",8} {"ERRORS",8} {"INVALID",8} {"SKIPPED",8} {"IN/S",10} {"CKPT AGE",9}");
        foreach (JobMetrics job in response.Jobs)
        {
            // Invariant, as the other tables: a Finnish or German locale would write 1,5s.
            string age = job.Checkpoint?.Age is { } a ? string.Create(CultureInfo.InvariantCulture, $"{a.ToTimeSpan().TotalSeconds:0.0}s") : "-";
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{job.Name,-24} {Status(job.Status),-9} {job.Counters.RecordsIn,12} {job.Counters.RecordsOut,12} {job.Counters.Late,8} {job.Counters.Invalid,8} {job.Counters.InvalidValues,8} {job.Counters.Skipped,8} {job.Throughput?.RecordsInPerSecond ?? 0,10:0} {age,9}"));
        }
    }

    /// <summary>
    /// The outputs as a table (with each one's <c>calMode</c>, which tells an update from the result
    /// it corrects), then each rejected line as <c>dsl preview</c> and <c>dsl run</c> report
    /// it (reason, detail, the line), then the counters; the source's warnings go to stderr, and
    /// so does <paramref name="whenEmpty"/> when no record was read.
    /// </summary>
    private static void PrintPreview(PreviewResponse response, Func<string, string> asGiven, string whenEmpty)
    {
        foreach (Diagnostic warning in response.Warnings)
        {
            Console.Error.WriteLine(asGiven(Describe(warning)));
        }

        var text = new StringBuilder();
        var rows = response.Outputs.Select(record => new[]
        {
            PrintableText.OneLine(record.AssetId),
            PrintableText.OneLine(record.ModelId + "." + record.PointId),
            DateTimeOffset.FromUnixTimeMilliseconds(record.Time).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            record.Attr.GetValueOrDefault("calMode", "-"),
            record.Value?.KindCase switch
            {
                Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NumberValue => record.Value.NumberValue.ToString(CultureInfo.InvariantCulture),
                Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StringValue => PrintableText.OneLine(record.Value.StringValue),
                Google.Protobuf.WellKnownTypes.Value.KindOneofCase.BoolValue => record.Value.BoolValue ? "true" : "false",
                _ => "null",
            },
        }).ToList();
        foreach (string line in TextTable.Lines(["ASSET", "POINT", "TIME", "MODE", "VALUE"], rows, " "))
        {
            text.AppendLine(line);
        }

        foreach (ErrorLogEntry error in response.Errors)
        {
            text.AppendLine($"line {error.Position}: {error.Reason}: {PrintableText.OneLine(error.Detail)}");
            if (error.Record.Length > 0)
            {
                text.AppendLine($"  {PrintableText.OneLine(error.Record)}");
            }
        }

        PreviewSummary s = response.Summary;
        text.AppendLine($"records in {s.RecordsIn}, out {s.RecordsOut}{(response.Truncated ? " (truncated)" : "")}, late {s.Late}, rejected lines {s.Invalid}, invalid values {s.InvalidValues}, ignored {s.Ignored}, skipped (missing) {s.SkippedMissing}, skipped (attribute) {s.SkippedAttribute}, discarded steps {s.DiscardedSteps}");
        Console.Out.Write(text.ToString());
        if (s.RecordsIn == 0)
        {
            Console.Error.WriteLine($"dsl jobs preview: no records were read: {whenEmpty}");
        }
    }

    private static string Describe(Diagnostic d) => $"{d.File}({d.Line},{d.Column}): {d.Severity.ToString().ToLowerInvariant()} {d.Code}: {d.Message}";

    private static string Status(JobStatus status) => status == JobStatus.Unspecified ? "-" : status.ToString().ToLowerInvariant();

    // Unspecified for a job whose released version does not compile: its channel is not known.
    private static string Channel(Channel channel) => channel == Control.V1.Channel.Unspecified ? "-" : channel.ToString().ToLowerInvariant();
}
