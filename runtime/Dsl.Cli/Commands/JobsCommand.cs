using Dsl.Runtime.Hosting;
using System.CommandLine;
using System.Globalization;
using Dsl.Cli.Reporting;
using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Google.Protobuf;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl jobs …</c>: the daemon's control API from the shell. Exit 0 on success, 1 when the daemon refuses or fails, 2 on usage errors.</summary>
public static partial class JobsCommand
{
    private static readonly Option<string?> _server = new Option<string?>("--server") { Description = "The daemon, e.g. http://127.0.0.1:7400 (default: DSL_SERVER, then that).", Recursive = true }.NotEmpty("the daemon");
    private static readonly Option<string?> _token = new Option<string?>("--token") { Description = "A bearer token (default: DSL_TOKEN, then DATA/admin.token).", Recursive = true }.NotEmpty("a token");
    private static readonly Option<string?> _ca = ReleaseCommand.CaOption(recursive: true);
    private static readonly Option<string> _data = new("--data") { Description = "The daemon's data directory, where admin.token is.", DefaultValueFactory = _ => "data", Recursive = true };

    public static Command Create()
    {
        var command = new Command("jobs", "Control the daemon's jobs.") { _server, _token, _ca, _data };
        command.Subcommands.Add(Simple("list", "List jobs and their status.", async (channel, _) =>
            PrintSummaries((await channel.UnaryAsync(JobsApi.List, new ListJobsRequest()).ConfigureAwait(false)).Jobs)));
        command.Subcommands.Add(Named("status", "Status of jobs (all when none named); for named jobs also their schedule, editing lock and alarms.", StatusAsync, optional: true));
        command.Subcommands.Add(Named("start", "Start jobs, or resume paused or failed ones from their checkpoint (exit 1 when one fails to start).", StartAsync));
        command.Subcommands.Add(Named("pause", "Pause running jobs (state and position kept; start resumes them).", async (channel, names) =>
            PrintTransitions(await channel.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { names } }).ConfigureAwait(false))));
        command.Subcommands.Add(Named("stop", "Stop jobs (state and position cleared).", async (channel, names) =>
            PrintTransitions(await channel.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { names } }).ConfigureAwait(false))));
        command.Subcommands.Add(Named("metrics", "Counters, checkpoints and throughput.", async (channel, names) =>
            PrintMetrics(await channel.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { names } }).ConfigureAwait(false)), optional: true));
        command.Subcommands.Add(Logs());
        command.Subcommands.Add(Preview());
        return command;
    }

    private static Command Simple(string name, string description, Func<ControlChannel, IReadOnlyList<string>, Task> action)
    {
        var command = new Command(name, description);
        command.SetAction(result => Call(result, action, []));
        return command;
    }

    private static Command Named(string name, string description, Func<ControlChannel, IReadOnlyList<string>, Task> action, bool optional = false) =>
        Named(name, description, async (channel, names) =>
        {
            await action(channel, names).ConfigureAwait(false);
            return ExitCodes.Success;
        }, optional);

    private static Command Named(string name, string description, Func<ControlChannel, IReadOnlyList<string>, Task<int>> action, bool optional = false)
    {
        var names = new Argument<string[]>("jobs") { Description = "Job names.", Arity = optional ? ArgumentArity.ZeroOrMore : ArgumentArity.OneOrMore };
        var command = new Command(name, description) { names };
        command.SetAction(result => Call(result, action, result.GetValue(names) ?? []));
        return command;
    }

    private static Command Logs()
    {
        var job = new Argument<string>("job") { Description = "The job." };
        var limit = new Option<uint>("--limit") { Description = "Only the newest N entries, oldest first (0: all kept)." };
        var since = new Option<string?>("--since") { Description = "Only entries logged at or after this time, UTC unless it names an offset: 2026-06-01 08:00:00Z, 2026-06-01T16:00+08:00." };
        var command = new Command("logs", "A job's error log.") { job, limit, since };
        command.SetAction(result =>
        {
            if (!TryParseSince(result.GetValue(since), out Google.Protobuf.WellKnownTypes.Timestamp? from))
            {
                Console.Error.WriteLine($"dsl jobs logs: --since: \"{result.GetValue(since)}\" is not a time; write e.g. 2026-06-01 08:00:00Z (UTC) or 2026-06-01T16:00+08:00.");
                return ExitCodes.Usage;
            }

            return Logs(result, job, limit, from);
        });
        return command;
    }

    /// <summary>A time as the logs print it (UTC, <c>Z</c> or not) or with its offset; null for none given.</summary>
    private static bool TryParseSince(string? text, out Google.Protobuf.WellKnownTypes.Timestamp? since)
    {
        since = null;
        if (text is null)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
        {
            return false;
        }

        since = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(time);
        return true;
    }

    private static int Logs(ParseResult result, Argument<string> job, Option<uint> limit, Google.Protobuf.WellKnownTypes.Timestamp? since) =>
        Call(result, async (channel, _) =>
        {
            string name = result.GetValue(job) ?? "";
            LogsResponse response = await channel.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = name, Limit = result.GetValue(limit), Since = since }).ConfigureAwait(false);
            if (response.Entries.Count == 0)
            {
                // A heading over nothing reads as if the entries had been lost on the way.
                Console.Out.WriteLine(since is null ? $"(the error log of {name} is empty)" : $"(the error log of {name} holds no entry logged at or after {Utc(since)})");
            }
            else
            {
                Console.Out.WriteLine($"{"TIME",-20} {"POSITION",-12} {"REASON",-18} DETAIL");
            }

            foreach (ErrorLogEntry entry in response.Entries)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Utc(entry.Time)} {Position(entry),-12} {entry.Reason,-18} {PrintableText.OneLine(entry.Detail)}"));
                if (entry.Record.Length > 0)
                {
                    Console.Out.WriteLine($"  {PrintableText.OneLine(entry.Record)}");
                }
            }

            if (response.NotReturned > 0)
            {
                Console.Out.WriteLine($"({response.NotReturned} earlier {(response.NotReturned == 1 ? "entry" : "entries")} not shown; --limit 0 shows all)");
            }

            if (response.Dropped > 0)
            {
                Console.Out.WriteLine($"({response.Dropped} older {(response.Dropped == 1 ? "entry" : "entries")} no longer kept)");
            }
        }, []);

    /// <summary>The entry's channel address; "-" for a failure of the job, which is no record (its position is 0, where no record is).</summary>
    private static string Position(ErrorLogEntry entry) =>
        entry.Position == 0 ? "-" : entry.Position.ToString(CultureInfo.InvariantCulture);

    private static Command Preview()
    {
        var job = new Argument<string?>("job") { Description = "A released job (or use --file).", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file") { Description = "Preview this unreleased .stream file instead." };
        var input = new Option<string?>("--input") { Description = "NDJSON records to run on, - for standard input (default: the channel's latest records)." };
        var latest = new Option<uint>("--latest") { Description = "How many recent channel records.", DefaultValueFactory = _ => 1000 };
        var limit = new Option<uint>("--limit") { Description = "At most this many outputs (0: the daemon's default, 1000).", DefaultValueFactory = _ => 50 };
        var command = new Command("preview", "Run a job on recent or given records; nothing is persisted.") { job, file, input, latest, limit };
        command.SetAction(result =>
        {
            if (result.GetValue(job) is not null && result.GetValue(file) is not null)
            {
                Console.Error.WriteLine("dsl jobs preview: name a released job or give --file, not both");
                return ExitCodes.Usage;
            }

            // --latest has a default, so only one typed out says the user meant the channel's records.
            if (result.GetValue(input) is not null && result.GetResult(latest) is { Implicit: false })
            {
                Console.Error.WriteLine("dsl jobs preview: run on the channel's --latest records or on an --input file, not both");
                return ExitCodes.Usage;
            }

            var request = new PreviewRequest { Limit = result.GetValue(limit) };
            Func<string, string> asGiven = text => text;
            if (result.GetValue(file) is { } path)
            {
                if (InputFiles.FileProblem(path) is { } problem)
                {
                    Console.Error.WriteLine($"dsl jobs preview: {problem}");
                    return ExitCodes.Usage;
                }

                if (InlineJobSource.Read(path, "jobs preview") is not { } inline)
                    return ExitCodes.UserError;
                request.Source = inline.Source;
                asGiven = inline.AsGiven;
            }
            else if (result.GetValue(job) is { } name)
            {
                request.Released = new JobVersionRef { Name = name };
            }
            else
            {
                Console.Error.WriteLine("dsl jobs preview: name a job or give --file");
                return ExitCodes.Usage;
            }

            string? inputFile = result.GetValue(input);
            if (inputFile is { } records)
            {
                if (records != InputFiles.Standard && InputFiles.FileProblem(records) is { } problem)
                {
                    Console.Error.WriteLine($"dsl jobs preview: {problem}");
                    return ExitCodes.Usage;
                }

                // The records travel in the request, which a channel sends only up to its limit; said
                // in the user's terms rather than as a message size of the protocol. Standard input
                // is read no further than that, so an endless one ends too.
                int limit = new ControlChannelOptions().MaxSendMessageSize;
                request.Ndjson = records == InputFiles.Standard ? ReadAtMost(Console.OpenStandardInput(), limit + 1) : ByteString.CopyFrom(File.ReadAllBytes(records));
                if (request.CalculateSize() > limit)
                {
                    string what = records == InputFiles.Standard ? "standard input" : records;
                    Console.Error.WriteLine($"dsl jobs preview: {what} is too large to send: a preview request carries at most {limit / (1024 * 1024)} MiB, job and records together; preview fewer records");
                    return ExitCodes.UserError;
                }
            }
            else
            {
                request.Latest = result.GetValue(latest);
            }

            // An empty table and zero counters would not say why: name what held no records.
            string empty = inputFile is InputFiles.Standard ? "standard input holds no records"
                : inputFile is not null ? $"{inputFile} holds no records"
                : request.Latest == 0 ? "--latest 0 asks for none of the channel's records; give how many to run on, e.g. --latest 1000"
                : "the job's channel holds no records yet: ingest some, or preview on --input FILE";
            return Call(result, async (channel, _) =>
            {
                PreviewResponse response;
                // The daemon compiles the job before it runs it: seconds, with nothing to show meanwhile.
                using (ProgressLine.Waiting("jobs preview", "the daemon is running the preview"))
                    response = await channel.UnaryAsync(JobsApi.Preview, request).ConfigureAwait(false);
                PrintPreview(response, asGiven, empty);
            }, [], asGiven);
        });
        return command;
    }

    private static ByteString ReadAtMost(Stream stream, int count)
    {
        var buffer = new byte[count];
        int read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return ByteString.CopyFrom(buffer, 0, read);
    }

    private static int Call(ParseResult result, Func<ControlChannel, IReadOnlyList<string>, Task> action, IReadOnlyList<string> names, Func<string, string>? asGiven = null) =>
        Call(result, async (channel, arguments) =>
        {
            await action(channel, arguments).ConfigureAwait(false);
            return ExitCodes.Success;
        }, names, asGiven);

    /// <param name="asGiven">Names files in the daemon's messages as the user named them.</param>
    private static int Call(ParseResult result, Func<ControlChannel, IReadOnlyList<string>, Task<int>> action, IReadOnlyList<string> names, Func<string, string>? asGiven = null)
    {
        asGiven ??= text => text;
        if (result.GetResult(_data) is { Implicit: false } && result.GetValue(_data) is { } data && InputFiles.FolderProblem(data) is { } problem)
        {
            Console.Error.WriteLine($"dsl jobs: {problem}");
            return ExitCodes.Usage;
        }

        ConnectionSettings settings;
        try
        {
            settings = ClientConnection.Resolve(result.GetValue(_server), result.GetValue(_token), result.GetValue(_data), caOption: result.GetValue(_ca));
        }
        catch (Exception e) when (e is FormatException or FileNotFoundException)
        {
            // A server that is no address, or a CA file that is not there: what the command line
            // (or the variable standing for an option) names wrong.
            Console.Error.WriteLine($"dsl jobs: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"dsl jobs: {e.Message}");
            return ExitCodes.UserError;
        }

        using var channel = new ControlChannel(settings);
        try
        {
            return action(channel, names).GetAwaiter().GetResult();
        }
        catch (RpcException e)
        {
            Diagnostics? diagnostics = e.GetDetail<Diagnostics>();
            // The message is written for the user; the status code's name in front of it ("Internal"
            // for a port that speaks only HTTP/1.1) would read as a fault of the daemon. The exit code
            // says the call failed.
            Console.Error.WriteLine(asGiven($"dsl jobs: {WithoutFirstDiagnostic(e.Message, diagnostics)}"));
            if (diagnostics is not null)
            {
                foreach (Diagnostic d in diagnostics.Items)
                {
                    Console.Error.WriteLine(asGiven(Describe(d)));
                }

                if (diagnostics.Omitted > 0)
                {
                    Console.Error.WriteLine($"… and {diagnostics.Omitted} more (dsl check lists them all)");
                }
            }

            return ExitCodes.UserError;
        }
    }

    /// <summary>
    /// The daemon's message names the first error for clients that do not read the status details
    /// ("the job does not compile: FILE(L,C): CODE: …"); the list printed under it names it again.
    /// </summary>
    private static string WithoutFirstDiagnostic(string message, Diagnostics? diagnostics)
    {
        if (diagnostics?.Items.FirstOrDefault(d => d.Severity == Severity.Error) is not { } first)
        {
            return message;
        }

        string repeated = $": {first.File}({first.Line},{first.Column}): {first.Code}: {first.Message}";
        return message.EndsWith(repeated, StringComparison.Ordinal) ? message[..^repeated.Length] : message;
    }

    /// <summary>
    /// The status table, then for each job named a line for its schedule (next run, "-" when none is
    /// due at a known time: not armed, or waiting for a file; last run), one for its editing lock, when
    /// it has them, and one for each alarm condition: what <c>Jobs.Get</c> knows and the table has no room for.
    /// </summary>
    private static async Task StatusAsync(ControlChannel channel, IReadOnlyList<string> names)
    {
        PrintSummaries((await channel.UnaryAsync(JobsApi.Status, new StatusRequest { Names = { names } }).ConfigureAwait(false)).Jobs);
        foreach (string name in names.Distinct(StringComparer.Ordinal))
        {
            JobDetails job = (await channel.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = name }).ConfigureAwait(false)).Job;
            if (job.Schedule is { } schedule)
            {
                string next = schedule.NextRun is { } at ? Utc(at) : "-";
                string last = schedule.LastRun is { } started ? $"{Utc(started)} ({RunStatus(schedule.LastRunStatus)})" : "none yet";
                Console.Out.WriteLine($"{name}: schedule {schedule.Expression}; next run {next}; last run {last}");
            }

            if (job.Lock is { } editing)
            {
                Console.Out.WriteLine($"{name}: locked by {editing.Holder}{(editing.Hard ? " (hard)" : "")} since {Utc(editing.Since)}");
            }

            foreach (AlarmInfo alarm in job.Alarms)
            {
                Console.Out.WriteLine($"{name}: {Alarm(alarm, job.Summary.Status)}");
            }
        }
    }

    /// <summary>
    /// Starts the jobs and prints their transitions. A job that fails on the way (its state cannot
    /// be resumed, its code cannot be loaded) is a failed command: its reason goes to stderr, exit 1.
    /// </summary>
    private static async Task<int> StartAsync(ControlChannel channel, IReadOnlyList<string> names)
    {
        JobTransitionsResponse response = await channel.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { names } }).ConfigureAwait(false);
        PrintTransitions(response);
        string[] failed = [.. response.Transitions.Where(t => t.Current == JobStatus.Failed).Select(t => t.Name)];
        if (failed.Length == 0)
        {
            return ExitCodes.Success;
        }

        StatusResponse status = await channel.UnaryAsync(JobsApi.Status, new StatusRequest { Names = { failed } }).ConfigureAwait(false);
        foreach (JobSummary job in status.Jobs)
        {
            Console.Error.WriteLine($"dsl jobs: {job.Name} failed: {(job.StatusReason.Length > 0 ? job.StatusReason : "no reason given")}");
        }

        return ExitCodes.UserError;
    }
}
