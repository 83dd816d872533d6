using System.Text.Json;
using System.Text.Json.Nodes;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;

namespace Dsl.Daemon.Tests;

/// <summary>The jobs' alarm rules notify a local webhook and a local SMTP server.</summary>
public sealed class AlarmTests
{
    [Fact]
    public async Task AlarmsReachTheWebhookAndTheMailServer()
    {
        using var temp = new TempDirectory();
        using var smtp = new SmtpSink();
        using var hook = new WebhookSink();

        string data = temp.Combine("data");
        await using var daemon = await TestDaemon.StartAsync(data);
        ConfigureAlarms(data, $$"""
            { "hook": { "webhook": "{{hook.Url}}" },
              "mail": { "email": { "smtp": "127.0.0.1:{{smtp.Port}}", "from": "dsl@example.com", "to": ["ops@example.com"] } } }
            """);

        await ReleaseAsync(daemon, data, temp.Combine("ws"), "doubler", TestJobs.Doubler() + """

            alarm {
              on input > 2 per 1m notify "hook", "mail"
              on stopped notify "hook"
            }
            """);
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 5));

        await hook.WaitForConditionAsync("input > 2 per 1m", TimeSpan.FromSeconds(60));
        var (recipients, mail) = await smtp.Received.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(["ops@example.com"], recipients);
        Assert.Contains("Subject: [dsl] alarm: job doubler: input > 2 per 1m", mail);
        // The sink gives the message's lines joined by \n.
        Assert.Contains("\nMIME-Version: 1.0\n", mail);
        Assert.Matches("\nMessage-ID: <[0-9a-f]{32}@example\\.com>\n", mail);
        Assert.Contains("\nContent-Transfer-Encoding: 7bit\n\n", mail);

        await daemon.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
        await hook.WaitForConditionAsync("stopped", TimeSpan.FromSeconds(60));
        JsonElement input = Assert.Single(hook.Bodies, p => p.GetProperty("condition").GetString() == "input > 2 per 1m");
        Assert.Equal("doubler", input.GetProperty("job").GetString());
        Assert.True(input.GetProperty("value").GetDouble() >= 3);

        // The condition reads as written: JSON needs no escape for '>' (nor '+', '<', '&' or '\'').
        Assert.Contains("\"condition\":\"input > 2 per 1m\"", input.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Jobs.Get reports each alarm condition with its channels, whether it holds, when it was
    /// notified and its deliveries not done; <c>dsl jobs status JOB</c> prints a line for each.
    /// </summary>
    [Fact]
    public async Task JobsGetAndJobsStatusShowWhetherEachAlarmHoldsAndWhatItsNotificationsDid()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        using var down = new WebhookSink(status: _ => 503);
        string data = temp.Combine("data");
        await using var daemon = await TestDaemon.StartAsync(data);
        ConfigureAlarms(data, $$"""{ "hook": { "webhook": "{{hook.Url}}" }, "down": { "webhook": "{{down.Url}}" } }""");
        await ReleaseAsync(daemon, data, temp.Combine("ws"), "doubler", TestJobs.Doubler() + """

            alarm {
              on input > 2 per 1m notify "hook", "down"
              on stopped notify "hook"
            }
            """);
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 5));
        await hook.WaitForConditionAsync("input > 2 per 1m", TimeSpan.FromSeconds(60));

        // "hook" took its alarm; "down" answers 503, so its delivery waits to be tried again (for half a minute).
        JobDetails job = await Eventually.WaitAsync(
            async () => (await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job,
            j => j.Alarms.Count == 2 && j.Alarms[0].PendingDeliveries == 1,
            "the delivery to 'hook' done, the one to 'down' pending");
        AlarmInfo input = job.Alarms[0];
        Assert.Equal(("input > 2 per 1m", AlarmState.Firing), (input.Condition, input.State));
        Assert.Equal(["hook", "down"], input.Channels);
        Assert.InRange(input.Value, 3, 5);
        Assert.NotNull(input.Since);
        Assert.NotNull(input.LastNotified);
        AlarmInfo stopped = job.Alarms[1];
        Assert.Equal(("stopped", AlarmState.Quiet, 0u), (stopped.Condition, stopped.State, stopped.PendingDeliveries));
        Assert.Equal(["hook"], stopped.Channels);
        Assert.Null(stopped.LastNotified);

        var status = DslCommand.Run("jobs", "status", "doubler", "--server", daemon.Daemon.Address.ToString(), "--data", data);
        Assert.Equal(0, status.Code);
        string[] lines = status.Stdout.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);
        const string time = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ";
        Assert.Matches($"^doubler: alarm on input > 2 per 1m notify \"hook\", \"down\": firing since {time} \\(value [345]\\); last notified {time}; 1 delivery pending$", lines[2]);
        Assert.Matches($"^doubler: alarm on stopped notify \"hook\": quiet since {time}$", lines[3]);
    }

    /// <summary>
    /// A channel that config.json does not name takes no notification: <c>dsl jobs status</c> says
    /// which channels the last one did not reach and why, and does not call a notification that
    /// reached none "notified".
    /// </summary>
    [Fact]
    public async Task JobsStatusSaysWhichChannelsANotificationDidNotReach()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        await using var daemon = await TestDaemon.StartAsync(data);
        await StartDoublerWithAlarmAsync(daemon, data, temp.Combine("ws"), hook, "on input > 2 per 1m notify \"hook\", \"pager\"\n  on input > 1 per 1m notify \"pager\"");
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 5));
        await hook.WaitForConditionAsync("input > 2 per 1m", TimeSpan.FromSeconds(60));
        await Eventually.WaitAsync(
            async () => (await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job,
            j => j.Alarms.Count == 2 && j.Alarms.All(a => a.LastNotified is not null),
            "both alarms notified");

        var status = DslCommand.Run("jobs", "status", "doubler", "--server", daemon.Daemon.Address.ToString(), "--data", data);

        Assert.Equal(0, status.Code);
        string[] lines = status.Stdout.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        const string time = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ";
        Assert.Matches($"^doubler: alarm on input > 2 per 1m notify \"hook\", \"pager\": firing since {time} \\(value [345]\\); last notified {time}, not to all its channels: no channel 'pager' in config.json$", lines[2]);
        Assert.Matches($"^doubler: alarm on input > 1 per 1m notify \"pager\": firing since {time} \\(value [2345]\\); last notification at {time} not delivered: no channel 'pager' in config.json$", lines[3]);
    }

    /// <summary>
    /// An e-mail channel without recipients can take no alarm, as the release check warns: the
    /// notification is not delivered, and says why, as for a channel config.json does not name.
    /// </summary>
    [Fact]
    public async Task ANotificationToAnEmailChannelWithoutRecipientsIsNotDelivered()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        await using var daemon = await TestDaemon.StartAsync(data);
        ConfigureAlarms(data, """{ "nobody": { "email": { "smtp": "127.0.0.1:1", "from": "dsl@example.com", "to": [] } } }""");
        await daemon.ReleaseAndStartAsync(new Workspace(temp.Combine("ws")), "doubler", TestJobs.Doubler() + """

            alarm {
              on input > 1 per 1m notify "nobody"
            }
            """);
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 5));
        await Eventually.WaitAsync(
            async () => (await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job,
            j => j.Alarms.Count == 1 && j.Alarms[0].LastNotified is not null,
            "the alarm notified");

        var status = DslCommand.Run("jobs", "status", "doubler", "--server", daemon.Daemon.Address.ToString(), "--data", data);

        const string time = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ";
        Assert.Matches(
            $"^doubler: alarm on input > 1 per 1m notify \"nobody\": firing since {time} \\(value [2345]\\); last notification at {time} not delivered: 'nobody': its entry in config.json is wrong: the e-mail channel has no recipients$",
            status.Stdout.ReplaceLineEndings("\n").TrimEnd().Split('\n')[^1]);
    }

    /// <summary>
    /// A lag alarm of a running job that has read no record since it started is not measured, and
    /// says why: the job is running, not "paused or failed". Paused, it says so.
    /// </summary>
    [Fact]
    public async Task JobsStatusSaysWhyALagAlarmIsNotMeasured()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        await using var daemon = await TestDaemon.StartAsync(data);
        await StartDoublerWithAlarmAsync(daemon, data, temp.Combine("ws"), hook, "on lag > 1h notify \"hook\"");
        const string time = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ";
        string AlarmLine() => DslCommand.Run("jobs", "status", "doubler", "--server", daemon.Daemon.Address.ToString(), "--data", data)
            .Stdout.ReplaceLineEndings("\n").TrimEnd().Split('\n')[^1];
        await Eventually.WaitAsync(
            async () => (await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job,
            j => j.Alarms.Count == 1 && j.Alarms[0].Since is not null,
            "a round of the alarms");

        Assert.Matches($"^doubler: alarm on lag > 1h notify \"hook\": not measured since {time} \\(the job has read no record since it started or resumed\\)$", AlarmLine());

        await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "doubler" } });
        Assert.Matches($"^doubler: alarm on lag > 1h notify \"hook\": not measured since {time} \\(the job is paused\\)$", AlarmLine());
    }

    [Fact]
    public async Task AStoppedAlarmIsNotSentAgainWhenTheDaemonRestarts()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        await using (var first = await TestDaemon.StartAsync(data))
        {
            await StartDoublerWithAlarmAsync(first, data, temp.Combine("ws"), hook, "on stopped notify \"hook\"");
            await first.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
            await hook.WaitForCountAsync(1, TimeSpan.FromSeconds(60));
        }

        await using var second = await TestDaemon.StartAsync(data);
        await second.WaitReleasedAsync("doubler");

        // The alarms are evaluated every second: three rounds find the job stopped as before.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(hook.Bodies);

        // A new stop is a new notification, once a round has seen the job running: until then the
        // alarm still holds, and a stop would be the same incident.
        await second.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await Eventually.WaitAsync(
            async () => (await second.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job.Alarms.Single(a => a.Condition == "stopped"),
            a => a.State == AlarmState.Quiet,
            "the stopped alarm to stop holding");
        await second.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
        await hook.WaitForCountAsync(2, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// A version that gives a running job its first count alarm counts from the deployment
    /// (docs/runtime.md, Alarms): what the job read before, when no rule of it counted over the
    /// period, is no incident of the new rule.
    /// </summary>
    [Fact]
    public async Task AFirstCountAlarmOfARunningJobCountsFromItsDeployment()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        await using var daemon = await TestDaemon.StartAsync(data);
        ConfigureAlarms(data, $$"""{ "hook": { "webhook": "{{hook.Url}}" } }""");
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "doubler", TestJobs.Doubler());
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 5));
        await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn == 5, "the job to read the five records");

        workspace.Write("jobs/doubler.stream", TestJobs.Doubler() + """

            alarm {
              on input > 2 per 1h notify "hook"
            }
            """);
        workspace.Release(data);
        AlarmInfo? alarm = await Eventually.WaitAsync(
            async () => (await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job.Alarms.SingleOrDefault(),
            a => a is not null && a.State != AlarmState.Unmeasured,
            "the new version's alarm to be measured");

        Assert.Equal((AlarmState.Quiet, 0d), (alarm!.State, alarm.Value));
        Assert.Empty(hook.Bodies);
    }

    /// <summary>
    /// A count rule that a version takes away and a later version brings back counts from the later
    /// deployment (docs/runtime.md, Alarms): what the job read under the version without rules is no
    /// incident of it, though the version before counted over the same period.
    /// </summary>
    [Fact]
    public async Task ACountAlarmBroughtBackByALaterVersionCountsFromItsDeployment()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        await using var daemon = await TestDaemon.StartAsync(data);
        ConfigureAlarms(data, $$"""{ "hook": { "webhook": "{{hook.Url}}" } }""");
        const string inputOverAHundred = """

            alarm {
              on input > 100 per 1h notify "hook"
            }
            """;
        var workspace = new Workspace(temp.Combine("ws"));

        // The watcher reads what the doubler reads, and its alarm's value tells that a round counted it.
        await daemon.ReleaseAndStartAsync(workspace, "watcher", TestJobs.Doubler("watcher") + inputOverAHundred);
        await daemon.ReleaseAndStartAsync(workspace, "doubler", TestJobs.Doubler() + inputOverAHundred);

        // Each job reads the records and the other's outputs, which make no outputs of their own.
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 1));
        await Eventually.WaitAsync(AlarmOf("doubler"), a => a?.Value == 2, "the first version's alarm to count what the job read");

        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        workspace.Release(data);
        await daemon.WaitReleasedAsync("doubler", version: 2);
        await daemon.IngestHttpAsync(TestJobs.Lines(1, 6));
        await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn == 12, "the doubler to read the records and the watcher's outputs");
        await Eventually.WaitAsync(AlarmOf("watcher"), a => a?.Value == 12, "a round to count what the watcher read");

        workspace.Write("jobs/doubler.stream", TestJobs.Doubler() + """

            alarm {
              on input > 2 per 1h notify "hook"
            }
            """);
        workspace.Release(data);
        AlarmInfo? alarm = await Eventually.WaitAsync(
            AlarmOf("doubler"),
            a => a is not null && a.Condition == "input > 2 per 1h" && a.State != AlarmState.Unmeasured,
            "the third version's alarm to be measured");

        Assert.Equal((AlarmState.Quiet, 0d), (alarm!.State, alarm.Value));
        Assert.Empty(hook.Bodies);

        Func<Task<AlarmInfo?>> AlarmOf(string job) =>
            async () => (await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = job })).Job.Alarms.SingleOrDefault();
    }

    /// <summary>
    /// A count alarm that was firing when the daemon stopped is the same incident while it still
    /// holds after the restart, counting only the errors since (docs/runtime.md, Alarms): it is not
    /// notified again, and Jobs.Get and <c>dsl jobs status</c> keep when it was notified.
    /// </summary>
    [Fact]
    public async Task ACountAlarmFiringAcrossARestartIsNotNotifiedAgainAndKeepsItsLastNotification()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        DateTimeOffset notified;
        await using (var first = await TestDaemon.StartAsync(data))
        {
            await StartDoublerWithAlarmAsync(first, data, temp.Combine("ws"), hook, "on errors > 2 per 1m notify \"hook\"");
            await first.IngestHttpAsync(TestJobs.BadLines(0, 4));
            JsonElement alarm = await hook.WaitForConditionAsync("errors > 2 per 1m", TimeSpan.FromSeconds(60));
            Assert.Equal(4, alarm.GetProperty("value").GetDouble());
            notified = DateTimeOffset.Parse(alarm.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var second = await TestDaemon.StartAsync(data);
        AlarmInfo restarted = (await second.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job.Alarms.Single();
        Assert.Equal(notified, restarted.LastNotified?.ToDateTimeOffset());
        Assert.Equal(AlarmState.Unmeasured, restarted.State);
        await Eventually.WaitAsync(() => second.CountersAsync("doubler"), c => c.Invalid == 4, "the job to resume with its counters");

        // New errors count from the resume: 3 of them, not the 7 of the job's counters. The alarm
        // holds again, as it did before the restart: the same incident, not a new notification.
        await second.IngestHttpAsync(TestJobs.BadLines(4, 7));
        AlarmInfo firing = await Eventually.WaitAsync(
            async () => (await second.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job.Alarms.Single(),
            a => a.State == AlarmState.Firing,
            "the alarm to hold again");
        Assert.Equal(3, firing.Value);
        Assert.Equal(notified, firing.LastNotified?.ToDateTimeOffset());
        Assert.Equal(7ul, (await second.CountersAsync("doubler")).Invalid);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(hook.Bodies);

        var status = DslCommand.Run("jobs", "status", "doubler", "--server", second.Daemon.Address.ToString(), "--data", data);
        Assert.Equal(0, status.Code);
        Assert.Contains($"; last notified {notified.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z", status.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// A job that does not compile when the daemon starts (a broken version released while it was
    /// down) has no run to judge its count alarms by: <c>alarms-state.json</c> keeps them until a
    /// version that compiles is deployed, which then finds a count alarm that was firing before
    /// the same incident, not notified again.
    /// </summary>
    [Fact]
    public async Task TheAlarmsOfAJobThatDoesNotCompileAtAStartAreKeptForTheVersionThatMendsIt()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        string workspace = temp.Combine("ws");
        string source;
        DateTimeOffset notified;
        await using (var first = await TestDaemon.StartAsync(data))
        {
            source = await StartDoublerWithAlarmAsync(first, data, workspace, hook, "on errors > 2 per 1m notify \"hook\"");
            await first.IngestHttpAsync(TestJobs.BadLines(0, 4));
            JsonElement alarm = await hook.WaitForConditionAsync("errors > 2 per 1m", TimeSpan.FromSeconds(60));
            notified = DateTimeOffset.Parse(alarm.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }

        // Released while the daemon is down: a version that does not compile.
        var jobs = new Workspace(workspace);
        jobs.Write("jobs/doubler.stream", source.Replace("Double = Power * 2", "Double = Power * Nope", StringComparison.Ordinal));
        jobs.Release(data);
        await using (var broken = await TestDaemon.StartAsync(data))
        {
            Assert.Equal(JobStatus.Failed, (await broken.StatusAsync("doubler"))?.Status);

            // The alarms are evaluated every second: three rounds without the job's rules.
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        Assert.Contains("\"Firing\": true", File.ReadAllText(Path.Combine(data, "alarms-state.json")), StringComparison.Ordinal);

        // Mended while the daemon is down; the job resumes from its checkpoint and the errors go on.
        jobs.Write("jobs/doubler.stream", source);
        jobs.Release(data);
        await using var mended = await TestDaemon.StartAsync(data);
        await Eventually.WaitAsync(() => mended.CountersAsync("doubler"), c => c.Invalid == 4, "the job to resume with its counters");
        await mended.IngestHttpAsync(TestJobs.BadLines(4, 7));
        AlarmInfo firing = await Eventually.WaitAsync(
            async () => (await mended.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job.Alarms.Single(),
            a => a.State == AlarmState.Firing,
            "the alarm to hold again");
        Assert.Equal(notified, firing.LastNotified?.ToDateTimeOffset());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(hook.Bodies);
    }

    /// <summary>
    /// A running job whose released version does not compile when the daemon starts is failed, and
    /// its <c>on failed</c> alarm (a rule of that version with no error of its own) goes off once:
    /// not again at the next start that finds it still failed, nor when a version that compiles
    /// brings it back. Its count alarm, which needs a run, is left unjudged meanwhile.
    /// </summary>
    [Fact]
    public async Task AJobThatDoesNotCompileAtAStartNotifiesItsFailedAlarmOnce()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        string workspace = temp.Combine("ws");
        string source;
        await using (var first = await TestDaemon.StartAsync(data))
        {
            source = await StartDoublerWithAlarmAsync(first, data, workspace, hook, "on failed notify \"hook\"\n  on errors > 2 per 1m notify \"hook\"");
            await first.IngestHttpAsync(TestJobs.Lines(0, 3));
            await Eventually.WaitAsync(() => first.CountersAsync("doubler"), c => c.RecordsIn == 3, "the job to read its records");
        }

        // Released while the daemon is down: a version whose rule does not compile, whose alarms do.
        var jobs = new Workspace(workspace);
        jobs.Write("jobs/doubler.stream", source.Replace("Double = Power * 2", "Double = Power * Nope", StringComparison.Ordinal));
        jobs.Release(data);
        await using (var broken = await TestDaemon.StartAsync(data))
        {
            JsonElement alarm = await hook.WaitForConditionAsync("failed", TimeSpan.FromSeconds(60));
            Assert.Equal(("doubler", "failed"), (alarm.GetProperty("job").GetString(), alarm.GetProperty("status").GetString()));
            var alarms = (await broken.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job.Alarms;
            AlarmInfo failed = Assert.Single(alarms);
            Assert.Equal(("failed", AlarmState.Firing), (failed.Condition, failed.State));
        }

        // Still failed at the next start: the same incident.
        await using (var again = await TestDaemon.StartAsync(data))
        {
            Assert.Equal(JobStatus.Failed, (await again.StatusAsync("doubler"))?.Status);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        Assert.Single(hook.Bodies);

        // Mended: the job runs again, and its failed alarm is quiet.
        jobs.Write("jobs/doubler.stream", source);
        jobs.Release(data);
        await using var mended = await TestDaemon.StartAsync(data);
        await Eventually.WaitAsync(
            async () => (await mended.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job.Alarms.Single(a => a.Condition == "failed"),
            a => a.State == AlarmState.Quiet,
            "the failed alarm to stop holding");
        Assert.Equal(JobStatus.Running, (await mended.StatusAsync("doubler"))?.Status);
        Assert.Single(hook.Bodies);
    }

    /// <summary>
    /// A count alarm that was firing when the daemon stopped and does not hold over a whole period
    /// after the restart is quiet: the next time it holds is a new incident, notified.
    /// </summary>
    [Fact]
    public async Task ACountAlarmThatAWholePeriodAfterARestartFindsQuietIsNotifiedWhenItHoldsAgain()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        await using (var first = await TestDaemon.StartAsync(data))
        {
            await StartDoublerWithAlarmAsync(first, data, temp.Combine("ws"), hook, "on errors > 0 per 10s notify \"hook\"");
            await first.IngestHttpAsync(TestJobs.BadLines(0, 1));
            await hook.WaitForConditionAsync("errors > 0 per 10s", TimeSpan.FromSeconds(60));
        }

        // Stopped while it was firing, as the file says.
        Assert.Contains("\"Firing\": true", File.ReadAllText(Path.Combine(data, "alarms-state.json")), StringComparison.Ordinal);

        await using var second = await TestDaemon.StartAsync(data);
        await Eventually.WaitAsync(
            async () => (await second.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job.Alarms.Single(),
            a => a.State == AlarmState.Quiet,
            "ten seconds without errors after the restart");
        Assert.Single(hook.Bodies);

        await second.IngestHttpAsync(TestJobs.BadLines(1, 2));
        await hook.WaitForCountAsync(2, TimeSpan.FromSeconds(60));
    }

    /// <summary>The alarms' states only spare a repeated notification: a file that does not read is no reason not to start.</summary>
    [Fact]
    public async Task ADamagedAlarmStateFileIsLoggedAndTheDaemonStarts()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        Directory.CreateDirectory(data);
        string file = Path.Combine(data, "alarms-state.json");
        File.WriteAllText(file, "{ \"half\": ");
        var log = new RecordingLogger();

        await using var daemon = await TestDaemon.StartAsync(data, log: log);

        ListJobsResponse serving = await daemon.Client.UnaryAsync(JobsApi.List, new ListJobsRequest());
        Assert.Empty(serving.Jobs);
        Assert.Contains(log.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && l.Message.StartsWith($"{file} does not hold the alarms' states (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LagOfHourOldRecordsIsReportedAndFiresTheLagAlarm()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();

        string data = temp.Combine("data");
        await using var daemon = await TestDaemon.StartAsync(data);
        await StartDoublerWithAlarmAsync(daemon, data, temp.Combine("ws"), hook, "on lag > 5m notify \"hook\"");

        long hourAgo = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        string lines = string.Concat(Enumerable.Range(0, 5).Select(i => string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{{\"assetId\":\"m{i}\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":{hourAgo + i},\"value\":{i}.5}}\n")));
        await daemon.IngestHttpAsync(lines);

        JobMetrics metrics = await Eventually.WaitAsync(
            async () => (await daemon.Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { "doubler" } })).Jobs.Single(),
            m => m.WatermarkLag is not null,
            "the job to report a lag");
        TimeSpan lag = metrics.WatermarkLag.ToTimeSpan();
        Assert.InRange(lag, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(90));

        using (var http = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(daemon.Daemon.HttpAddress ?? throw new InvalidOperationException(), "/metrics"));
            request.Headers.Authorization = new("Bearer", daemon.Viewer);
            using HttpResponseMessage response = await http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            string line = text.Split('\n').Single(l => l.StartsWith("dsl_job_watermark_lag_seconds{job=\"doubler\"} ", StringComparison.Ordinal));
            double seconds = double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 50 * 60, 90 * 60);
        }

        JsonElement alarm = await hook.WaitForConditionAsync("lag > 5m", TimeSpan.FromSeconds(60));
        Assert.Equal("doubler", alarm.GetProperty("job").GetString());
        Assert.InRange(alarm.GetProperty("value").GetDouble(), TimeSpan.FromMinutes(50).TotalSeconds, TimeSpan.FromMinutes(90).TotalSeconds);
    }

    /// <summary>
    /// A scheduled job stays armed when a run fails, but its <c>on failed</c> alarm goes off; a run
    /// that succeeds clears it, so the next failure notifies again.
    /// </summary>
    [Fact]
    public async Task AFailedScheduledRunFiresTheFailedAlarmUntilARunSucceeds()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        await using var daemon = await TestDaemon.StartAsync(data);
        ConfigureAlarms(data, $$"""{ "hook": { "webhook": "{{hook.Url}}" } }""");
        await ReleaseAsync(daemon, data, temp.Combine("ws"), "batch", TestJobs.Doubler("batch", "offline") + """

            schedule every 1s
            alarm {
              on failed notify "hook"
            }
            """);

        // A file where the run's state folder goes makes every run fail.
        string state = Path.Combine(data, "state", "batch");
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        File.WriteAllText(state, "in the way");
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "batch" } });
        JsonElement alarm = await hook.WaitForConditionAsync("failed", TimeSpan.FromSeconds(60));
        Assert.Equal("batch", alarm.GetProperty("job").GetString());
        Assert.Equal("failed", alarm.GetProperty("status").GetString());
        GetJobResponse armed = await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "batch" });
        Assert.Equal(JobStatus.Running, armed.Job.Summary.Status);

        File.Delete(state);
        await Eventually.WaitAsync(
            () => daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "batch" }),
            d => d.Job.Schedule?.LastRunStatus == JobStatus.Stopped,
            "a run that succeeds");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(hook.Bodies);

        // A run may be checkpointing into the folder meanwhile (there is one a second): tried
        // again until the folder is gone and the file stands in its place.
        await Eventually.WaitAsync(() => Task.FromResult(ReplaceWithFile(state)), replaced => replaced, "the state folder to be replaced by a file");
        await hook.WaitForCountAsync(2, TimeSpan.FromSeconds(60));

        static bool ReplaceWithFile(string folder)
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                File.WriteAllText(folder, "in the way again");
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// A scheduled run that the daemon's shutdown cuts off is recorded as failed (docs/runtime.md),
    /// so its <c>on failed</c> alarm goes off, as for any failing run: the alarms are evaluated
    /// once more after the jobs stopped, and what that round could not send the next start sends.
    /// </summary>
    [Fact]
    public async Task AScheduledRunCutOffByTheShutdownFiresTheFailedAlarm()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        await using (var daemon = await TestDaemon.StartAsync(data))
        {
            ConfigureAlarms(data, $$"""{ "hook": { "webhook": "{{hook.Url}}" } }""");
            await ReleaseAsync(daemon, data, temp.Combine("ws"), "batch", TestJobs.Doubler("batch", "offline") + """

                schedule on file "inbox/meters-*.jsonl"
                alarm {
                  on failed notify "hook"
                }
                """);

            await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "batch" } });

            // Enough records that the run is still reading them when the daemon stops.
            string staging = temp.Combine("meters-1.jsonl");
            File.WriteAllText(staging, TestJobs.Lines(0, 1_000_000));
            File.Move(staging, Path.Combine(data, "inbox", "meters-1.jsonl"));
            await Eventually.WaitAsync(
                () => daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "batch" }),
                d => d.Job.Schedule?.LastRunStatus == JobStatus.Running,
                "the run to begin");
        }

        await using var restarted = await TestDaemon.StartAsync(data);
        GetJobResponse cutOff = await restarted.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "batch" });
        Assert.True(JobStatus.Failed == cutOff.Job.Schedule.LastRunStatus, File.ReadAllText(Path.Combine(data, "jobs.json")));
        JsonElement alarm = await hook.WaitForConditionAsync("failed", TimeSpan.FromSeconds(60));
        Assert.Equal(("batch", "failed"), (alarm.GetProperty("job").GetString(), alarm.GetProperty("status").GetString()));
    }

    /// <summary>
    /// A start whose state folder cannot be made fails the job with the reason, which the answer,
    /// the error log and the <c>on failed</c> alarm carry, rather than failing the call.
    /// </summary>
    [Fact]
    public async Task AStartThatCannotMakeTheStateFolderFailsTheJobAndFiresTheFailedAlarm()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string data = temp.Combine("data");
        await using var daemon = await TestDaemon.StartAsync(data);
        ConfigureAlarms(data, $$"""{ "hook": { "webhook": "{{hook.Url}}" } }""");
        await ReleaseAsync(daemon, data, temp.Combine("ws"), "doubler", TestJobs.Doubler() + """

            alarm {
              on failed notify "hook"
            }
            """);

        string state = Path.Combine(data, "state", "doubler");
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        File.WriteAllText(state, "in the way");
        JobTransitionsResponse started = await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });

        Assert.Equal(JobStatus.Failed, Assert.Single(started.Transitions).Current);
        JsonElement alarm = await hook.WaitForConditionAsync("failed", TimeSpan.FromSeconds(60));
        Assert.Equal("failed", alarm.GetProperty("status").GetString());
        LogsResponse logs = await daemon.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" });
        ErrorLogEntry failure = Assert.Single(logs.Entries);
        Assert.Equal("job_failed", failure.Reason);
        Assert.Contains(state, failure.Detail, StringComparison.Ordinal);
    }

    /// <summary>Releases the doubler job with one alarm rule notifying the webhook "hook", and starts it.</summary>
    private static async Task<string> StartDoublerWithAlarmAsync(TestDaemon daemon, string data, string workspace, WebhookSink hook, string rule)
    {
        ConfigureAlarms(data, $$"""{ "hook": { "webhook": "{{hook.Url}}" } }""");
        string source = TestJobs.Doubler() + $$"""

            alarm {
              {{rule}}
            }
            """;
        await daemon.ReleaseAndStartAsync(new Workspace(workspace), "doubler", source);
        return source;
    }

    /// <summary>Writes a job into a workspace, releases it to the daemon and waits until it is deployed.</summary>
    private static async Task ReleaseAsync(TestDaemon daemon, string data, string workspace, string job, string source)
    {
        var jobs = new Workspace(workspace);
        jobs.Write($"jobs/{job}.stream", source);
        jobs.Release(data);
        await daemon.WaitReleasedAsync(job);
    }

    /// <summary>Sets the <c>"alarms"</c> section of the daemon's config.json, keeping the rest (its tokens).</summary>
    private static void ConfigureAlarms(string data, string alarms)
    {
        string file = Path.Combine(data, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? throw new InvalidOperationException();
        config["alarms"] = JsonNode.Parse(alarms);
        File.WriteAllText(file, config.ToJsonString());
    }
}
