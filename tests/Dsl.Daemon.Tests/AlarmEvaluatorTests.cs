using System.Collections.Immutable;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Syntax;
using Dsl.Control.V1;
using Dsl.Daemon.Alarms;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dsl.Daemon.Tests;

/// <summary>
/// An alarm is notified once while it holds, whatever a new version of the job does to the order of
/// its rules or a pause in between, and once to a channel its rule names twice.
/// </summary>
public sealed class AlarmEvaluatorTests
{
    private static readonly BoundAlarmCondition InputOverFive = new(AlarmMetric.Input, BinaryOperator.Greater, 5, null, new Duration(1, DurationUnit.Minutes, false));
    private static readonly BoundAlarmCondition ErrorsOverTwo = new(AlarmMetric.Errors, BinaryOperator.Greater, 2, null, new Duration(1, DurationUnit.Minutes, false));
    private static readonly BoundAlarmCondition InvalidOverZero = new(AlarmMetric.Invalid, BinaryOperator.Greater, 0, null, new Duration(1, DurationUnit.Minutes, false));

    [Fact]
    public async Task A_new_version_that_adds_a_rule_in_front_repeats_no_alarm_that_still_holds_and_misses_none()
    {
        using var ops = new OpsWebhook();
        var (hook, evaluator) = (ops.Hook, ops.Evaluator);
        var origin = new CountOrigin(1, new Dictionary<string, long>());
        var counts = new Dictionary<string, long> { ["records_read"] = 10, ["errors"] = 3 };
        DateTimeOffset now = DateTimeOffset.UnixEpoch.AddDays(1);
        ImmutableArray<string> channel = ["ops"];

        // Version 1: input and errors both hold, and each is notified once.
        BoundAlarmRule[] v1 = [new([InputOverFive], channel), new([ErrorsOverTwo], channel)];
        evaluator.Evaluate([new AlarmSubject("meter", JobStatus.Running, counts, null, v1, Origin: origin)], now);
        await hook.WaitForCountAsync(2, TimeSpan.FromSeconds(30));

        // Version 2 puts a new rule first (it does not hold) and swaps the other two: both still hold.
        BoundAlarmRule[] v2 = [new([InvalidOverZero], channel), new([ErrorsOverTwo], channel), new([InputOverFive], channel)];
        evaluator.Evaluate([new AlarmSubject("meter", JobStatus.Running, counts, null, v2, Origin: origin)], now.AddSeconds(1));

        // Then invalid values arrive: the new rule's alarm is notified, and nothing else.
        var withInvalid = new Dictionary<string, long>(counts) { ["invalid"] = 1 };
        evaluator.Evaluate([new AlarmSubject("meter", JobStatus.Running, withInvalid, null, v2, Origin: origin)], now.AddSeconds(2));
        await hook.WaitForCountAsync(3, TimeSpan.FromSeconds(30));
        await Task.Delay(300);

        // Deliveries run side by side, so in any order.
        Assert.Equal(["errors > 2 per 1m", "input > 5 per 1m", "invalid > 0 per 1m"], hook.Bodies.Select(b => b.GetProperty("condition").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_new_version_that_reorders_the_channels_of_a_rule_repeats_no_alarm_that_still_holds()
    {
        using var ops = new OpsWebhook();
        var origin = new CountOrigin(1, new Dictionary<string, long>());
        var counts = new Dictionary<string, long> { ["errors"] = 3 };
        DateTimeOffset now = DateTimeOffset.UnixEpoch.AddDays(1);
        BoundAlarmRule[] v1 = [new([ErrorsOverTwo], ["ops", "oncall"])];
        ops.Evaluator.Evaluate([new AlarmSubject("meter", JobStatus.Running, counts, null, v1, Origin: origin)], now);
        await ops.Hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));

        // The same channels, the other way round; the restart reads them from the file.
        BoundAlarmRule[] v2 = [new([ErrorsOverTwo], ["oncall", "ops"])];
        AlarmEvaluator restarted = ops.Restart();
        Assert.Equal(now, Assert.Single(restarted.Report("meter", v2)).LastNotified.ToDateTimeOffset());
        ops.Evaluator.Evaluate([new AlarmSubject("meter", JobStatus.Running, counts, null, v2, Origin: origin)], now.AddSeconds(1));
        Assert.Equal(AlarmState.Firing, Assert.Single(ops.Evaluator.Report("meter", v2)).State);

        await Task.Delay(300);
        Assert.Single(ops.Hook.Bodies);
    }

    [Fact]
    public async Task A_rule_that_names_a_channel_twice_notifies_it_once()
    {
        using var ops = new OpsWebhook();
        var (hook, evaluator) = (ops.Hook, ops.Evaluator);
        BoundAlarmRule[] rules = [new([new BoundAlarmCondition(AlarmMetric.Failed, null, null, null, null)], ["ops", "ops"])];

        evaluator.Evaluate([new AlarmSubject("meter", JobStatus.Failed, new Dictionary<string, long>(), null, rules)], DateTimeOffset.UnixEpoch);

        await hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.Single(hook.Bodies);
    }

    [Fact]
    public void Two_alarms_on_one_condition_each_count_only_their_own_deliveries_pending()
    {
        using var temp = new TempDirectory();
        string config = temp.Combine("config.json");

        // Half written: every delivery waits for the file, read again only in an hour.
        File.WriteAllText(config, """{ "alarms": """);
        using var notifier = new AlarmNotifier(config, NullLogger.Instance, [TimeSpan.FromHours(1)]);
        var evaluator = new AlarmEvaluator(notifier);
        BoundAlarmRule[] rules = [new([ErrorsOverTwo], ["ops"]), new([ErrorsOverTwo], ["ops", "oncall"])];
        var counts = new Dictionary<string, long> { ["errors"] = 3 };

        evaluator.Evaluate([new AlarmSubject("meter", JobStatus.Running, counts, null, rules, Origin: new CountOrigin(1, new Dictionary<string, long>()))], DateTimeOffset.UnixEpoch);

        // The first alarm has one delivery (to "ops"), the second two: three in all.
        Assert.Equal([1u, 2u], evaluator.Report("meter", rules).Select(a => a.PendingDeliveries));
    }

    /// <summary>The value of a status condition is 1 while it holds and 0 while it does not (control.proto, AlarmInfo.value).</summary>
    [Theory]
    [InlineData(AlarmMetric.Stopped, JobStatus.Running, 0)]
    [InlineData(AlarmMetric.Stopped, JobStatus.Paused, 0)]
    [InlineData(AlarmMetric.Stopped, JobStatus.Stopped, 1)]
    [InlineData(AlarmMetric.Failed, JobStatus.Running, 0)]
    [InlineData(AlarmMetric.Failed, JobStatus.Failed, 1)]
    public void A_status_condition_has_the_value_1_only_while_it_holds(AlarmMetric metric, JobStatus status, double value)
    {
        using var ops = new OpsWebhook();
        BoundAlarmRule[] rules = [new([new BoundAlarmCondition(metric, null, null, null, null)], ["ops"])];

        ops.Evaluator.Evaluate([new AlarmSubject("meter", status, new Dictionary<string, long>(), null, rules, Origin: new CountOrigin(1, new Dictionary<string, long>()))], DateTimeOffset.UnixEpoch);

        AlarmInfo alarm = Assert.Single(ops.Evaluator.Report("meter", rules));
        Assert.Equal((value == 1 ? AlarmState.Firing : AlarmState.Quiet, value), (alarm.State, alarm.Value));
    }

    [Fact]
    public void An_alarm_whose_channel_is_missing_from_config_json_reports_it_was_not_delivered_and_why()
    {
        using var ops = new OpsWebhook();
        BoundAlarmRule[] rules = [new([ErrorsOverTwo], ["pager"]), new([ErrorsOverTwo], ["ops"])];
        var counts = new Dictionary<string, long> { ["errors"] = 3 };

        ops.Evaluator.Evaluate([new AlarmSubject("meter", JobStatus.Running, counts, null, rules, Origin: new CountOrigin(1, new Dictionary<string, long>()))], DateTimeOffset.UnixEpoch);

        AlarmInfo[] reported = [.. ops.Evaluator.Report("meter", rules)];
        Assert.Equal(["no channel 'pager' in config.json"], reported[0].Undelivered);
        Assert.Empty(reported[1].Undelivered);
    }

    [Fact]
    public async Task A_not_equal_count_waits_for_a_whole_period_unless_it_is_over_its_number_already()
    {
        using var ops = new OpsWebhook();
        BoundAlarmRule[] rules = [new([new BoundAlarmCondition(AlarmMetric.Input, BinaryOperator.NotEqual, 60, null, new Duration(1, DurationUnit.Minutes, false))], ["ops"])];
        var origin = new CountOrigin(1, new Dictionary<string, long>());
        AlarmSubject Job(string name, long read) => new(name, JobStatus.Running, new Dictionary<string, long> { ["records_read"] = read }, null, rules, Origin: origin);
        DateTimeOffset start = DateTimeOffset.UnixEpoch.AddDays(1);

        // At the start of counting: 1 record says nothing of the minute it begins; 100 are more than 60 whatever follows.
        ops.Evaluator.Evaluate([Job("steady", 1), Job("flooded", 100)], start);
        Assert.Equal(AlarmState.Quiet, Assert.Single(ops.Evaluator.Report("steady", rules)).State);
        Assert.Equal(AlarmState.Firing, Assert.Single(ops.Evaluator.Report("flooded", rules)).State);

        // A whole minute of 60 records: as expected.
        ops.Evaluator.Evaluate([Job("steady", 61), Job("flooded", 160)], start.AddMinutes(1));
        Assert.Equal(AlarmState.Quiet, Assert.Single(ops.Evaluator.Report("steady", rules)).State);

        await ops.Hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.Equal(["flooded"], ops.Hook.Bodies.Select(b => b.GetProperty("job").GetString()));
    }

    [Theory]
    [InlineData(JobStatus.Paused)]
    [InlineData(JobStatus.Failed)]
    public async Task A_pause_or_failure_and_a_resume_does_not_notify_again_an_alarm_that_held_before(JobStatus interruption)
    {
        using var ops = new OpsWebhook();
        var (hook, evaluator) = (ops.Hook, ops.Evaluator);
        var origin = new CountOrigin(1, new Dictionary<string, long>());
        var counts = new Dictionary<string, long> { ["errors"] = 3 };
        BoundAlarmRule[] rules = [new([ErrorsOverTwo], ["ops"])];
        DateTimeOffset now = DateTimeOffset.UnixEpoch.AddDays(1);

        // The same three errors throughout: running, paused (or failed) for two seconds, resumed from its checkpoint.
        JobStatus[] statuses = [JobStatus.Running, interruption, interruption, JobStatus.Running, JobStatus.Running];
        for (int second = 0; second < statuses.Length; second++)
        {
            evaluator.Evaluate([new AlarmSubject("meter", statuses[second], counts, null, rules, Origin: origin)], now.AddSeconds(second));
            AlarmState expected = statuses[second] == interruption ? AlarmState.Unmeasured : AlarmState.Firing;
            Assert.Equal(expected, Assert.Single(evaluator.Report("meter", rules)).State);
        }

        await hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.Single(hook.Bodies);

        // Firing since it first held: the interruption did not end the incident (it is not notified
        // again), as a restart of the daemon does not. Notified only at the first round. The delivery
        // leaves the outbox once the hook has answered, a moment after the hook recorded the call.
        await Eventually.WaitAsync(() => Task.FromResult(Assert.Single(evaluator.Report("meter", rules)).PendingDeliveries), pending => pending == 0, "the delivery to leave the outbox");
        AlarmInfo reported = Assert.Single(evaluator.Report("meter", rules));
        Assert.Equal((now, now), (reported.Since.ToDateTimeOffset(), reported.LastNotified.ToDateTimeOffset()));
        Assert.Equal((3, 0u), (reported.Value, reported.PendingDeliveries));
    }

    /// <summary>
    /// A job resumed from its checkpoint (after a pause, or with a new version deployed) has no lag
    /// until it processes a record: that measures nothing, so a lag alarm that held before and
    /// holds at the first record is the same incident, not notified again.
    /// </summary>
    [Fact]
    public async Task A_lag_alarm_that_held_before_a_resume_is_not_notified_again_before_the_first_record()
    {
        using var ops = new OpsWebhook();
        var lagOverAnHour = new BoundAlarmCondition(AlarmMetric.Lag, BinaryOperator.Greater, null, new Duration(1, DurationUnit.Hours, false), null);
        BoundAlarmRule[] rules = [new([lagOverAnHour], ["ops"])];
        DateTimeOffset now = DateTimeOffset.UnixEpoch.AddDays(1);

        // Seven hours behind; paused; resumed and no record yet; five hours behind; three, after a new version.
        (JobStatus Status, double? Hours)[] readings =
            [(JobStatus.Running, 7), (JobStatus.Paused, null), (JobStatus.Running, null), (JobStatus.Running, 5), (JobStatus.Running, null), (JobStatus.Running, 3)];
        for (int second = 0; second < readings.Length; second++)
        {
            TimeSpan? lag = readings[second].Hours is { } hours ? TimeSpan.FromHours(hours) : null;
            ops.Evaluator.Evaluate([new AlarmSubject("meter", readings[second].Status, new Dictionary<string, long>(), null, rules, lag)], now.AddSeconds(second));
        }

        await ops.Hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.Single(ops.Hook.Bodies);
        AlarmInfo lagAlarm = Assert.Single(ops.Evaluator.Report("meter", rules));
        // The same incident throughout: firing since the first reading, not since the resume.
        Assert.Equal((AlarmState.Firing, now), (lagAlarm.State, lagAlarm.Since.ToDateTimeOffset()));
    }

    [Fact]
    public async Task A_count_alarm_firing_before_a_restart_is_not_notified_again_until_a_whole_period_finds_it_quiet()
    {
        using var ops = new OpsWebhook();
        BoundAlarmRule[] rules = [new([ErrorsOverTwo], ["ops"])];
        DateTimeOffset now = DateTimeOffset.UnixEpoch.AddDays(1);

        // The counters as a daemon that opened the job's state with "atOpen" errors sees them.
        AlarmSubject Meter(int errors, int atOpen) => new("meter", JobStatus.Running, new Dictionary<string, long> { ["errors"] = errors }, null, rules, Origin: new CountOrigin(1, new Dictionary<string, long> { ["errors"] = atOpen }));

        ops.Evaluator.Evaluate([Meter(3, atOpen: 0)], now);
        await ops.Hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));

        // The restart: the job resumes with its 3 errors, which count for no period of the new daemon.
        AlarmSubject Resumed(int errors) => Meter(errors, atOpen: 3);
        AlarmEvaluator restarted = ops.Restart();
        AlarmInfo before = Assert.Single(restarted.Report("meter", rules));
        Assert.Equal((AlarmState.Unmeasured, now), (before.State, before.LastNotified.ToDateTimeOffset()));

        // Half a minute without errors says nothing of a period of one.
        restarted.Evaluate([Resumed(3)], now.AddHours(1));
        restarted.Evaluate([Resumed(3)], now.AddHours(1).AddSeconds(30));
        Assert.Equal(AlarmState.Unmeasured, Assert.Single(restarted.Report("meter", rules)).State);

        // Three new errors: it holds again, the incident of before the restart, firing since it began.
        restarted.Evaluate([Resumed(6)], now.AddHours(1).AddSeconds(31));
        AlarmInfo holding = Assert.Single(restarted.Report("meter", rules));
        Assert.Equal((AlarmState.Firing, 3, now), (holding.State, holding.Value, holding.LastNotified.ToDateTimeOffset()));
        Assert.Equal(now, holding.Since.ToDateTimeOffset());

        // Another restart; a whole minute without errors ends the incident, and the next is notified.
        restarted = ops.Restart();
        restarted.Evaluate([Meter(6, atOpen: 6)], now.AddHours(2));
        restarted.Evaluate([Meter(6, atOpen: 6)], now.AddHours(2).AddMinutes(1));
        Assert.Equal(AlarmState.Quiet, Assert.Single(restarted.Report("meter", rules)).State);
        restarted.Evaluate([Meter(9, atOpen: 6)], now.AddHours(2).AddMinutes(1).AddSeconds(1));
        await ops.Hook.WaitForCountAsync(2, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.Equal(2, ops.Hook.Bodies.Length);
        Assert.Equal(now.AddHours(2).AddMinutes(1).AddSeconds(1), ops.Restart().Report("meter", rules).Single().LastNotified.ToDateTimeOffset());
    }

    [Fact]
    public async Task The_state_file_drops_the_alarms_of_jobs_and_conditions_that_are_gone()
    {
        using var ops = new OpsWebhook();
        BoundAlarmCondition failed = new(AlarmMetric.Failed, null, null, null, null);
        BoundAlarmRule[] both = [new([failed, ErrorsOverTwo], ["ops"])];
        var counts = new Dictionary<string, long> { ["errors"] = 3 };
        var origin = new CountOrigin(1, new Dictionary<string, long>());
        DateTimeOffset now = DateTimeOffset.UnixEpoch.AddDays(1);
        ops.Evaluator.Evaluate(
            [new AlarmSubject("meter", JobStatus.Running, counts, null, both, Origin: origin), new AlarmSubject("gone", JobStatus.Failed, counts, null, both)],
            now);
        await ops.Hook.WaitForCountAsync(2, TimeSpan.FromSeconds(30));

        // The next start: "gone" is no longer released, and "meter" lost its rule on errors.
        BoundAlarmRule[] failedOnly = [new([failed], ["ops"])];
        AlarmEvaluator restarted = ops.Restart();
        restarted.Evaluate([new AlarmSubject("meter", JobStatus.Running, counts, null, failedOnly, Origin: origin)], now.AddSeconds(1));
        Assert.Equal("[]", System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ops.StateFile))!.ToJsonString());

        // And a version that brings the rule back finds nothing of it.
        AlarmInfo back = Assert.Single(ops.Restart().Report("meter", [new([ErrorsOverTwo], ["ops"])]));
        Assert.Null(back.LastNotified);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{ "Job": "meter" }""")]
    [InlineData("""[null]""")]
    [InlineData("""[{ "Job": "meter", "Channels": ["ops"] }]""")]
    [InlineData("""[{ "Job": "meter", "Condition": "failed", "Channels": ["ops"], "Notified": "yesterday" }]""")]
    public async Task A_state_file_that_does_not_read_starts_the_alarms_with_nothing_remembered_and_is_rewritten(string content)
    {
        using var ops = new OpsWebhook();
        File.WriteAllText(ops.StateFile, content);
        var log = new RecordingLogger();
        BoundAlarmRule[] rules = [new([new BoundAlarmCondition(AlarmMetric.Failed, null, null, null, null)], ["ops"])];

        AlarmEvaluator restarted = ops.Restart(log);

        var warning = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith($"{ops.StateFile} does not hold the alarms' states (", warning.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single(restarted.Report("meter", rules)).LastNotified);

        restarted.Evaluate([new AlarmSubject("meter", JobStatus.Failed, new Dictionary<string, long>(), null, rules)], DateTimeOffset.UnixEpoch);
        await ops.Hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));
        Assert.Equal(DateTimeOffset.UnixEpoch, Assert.Single(ops.Restart().Report("meter", rules)).LastNotified.ToDateTimeOffset());
    }

    /// <summary>
    /// A state file that cannot be written when an alarm is notified is written by a later round
    /// once it can be, though nothing changed meanwhile: a restart then knows the notification.
    /// The warning comes once, not at every round that fails.
    /// </summary>
    [Fact]
    public async Task A_state_file_that_could_not_be_written_is_written_once_it_can_be()
    {
        using var ops = new OpsWebhook();
        var log = new RecordingLogger();
        AlarmEvaluator evaluator = ops.Restart(log);
        BoundAlarmRule[] rules = [new([new BoundAlarmCondition(AlarmMetric.Failed, null, null, null, null)], ["ops"])];
        var failed = new AlarmSubject("meter", JobStatus.Failed, new Dictionary<string, long>(), null, rules);

        // A folder where the file goes: no file can replace it.
        Directory.CreateDirectory(ops.StateFile);
        evaluator.Evaluate([failed], DateTimeOffset.UnixEpoch);
        await ops.Hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));
        evaluator.Evaluate([failed], DateTimeOffset.UnixEpoch.AddSeconds(1));
        Assert.StartsWith($"the alarms' states cannot be written to {ops.StateFile}", Assert.Single(log.Lines, l => l.Level == LogLevel.Warning).Message, StringComparison.Ordinal);

        Directory.Delete(ops.StateFile);
        evaluator.Evaluate([failed], DateTimeOffset.UnixEpoch.AddSeconds(2));

        Assert.Equal(DateTimeOffset.UnixEpoch, Assert.Single(ops.Restart().Report("meter", rules)).LastNotified.ToDateTimeOffset());
        Assert.Single(ops.Hook.Bodies);
    }

    /// <summary>An evaluator whose one channel, "ops", is a webhook that answers 204, keeping the alarms' states in <see cref="StateFile"/>.</summary>
    private sealed class OpsWebhook : IDisposable
    {
        private readonly TempDirectory _temp = new();
        private readonly AlarmNotifier _notifier;

        public OpsWebhook()
        {
            Hook = new WebhookSink(_ => 204);
            string config = _temp.Combine("config.json");
            File.WriteAllText(config, $$"""{ "alarms": { "ops": { "webhook": "{{Hook.Url}}" } } }""");
            _notifier = new AlarmNotifier(config, NullLogger.Instance);
            Evaluator = Restart();
        }

        public WebhookSink Hook { get; }

        public AlarmEvaluator Evaluator { get; }

        public string StateFile => _temp.Combine("alarms-state.json");

        /// <summary>A new evaluator on the same files, as the daemon's next start makes.</summary>
        public AlarmEvaluator Restart(ILogger? log = null) => new(_notifier, stateFile: new AlarmStateFile(StateFile, log ?? NullLogger.Instance));

        public void Dispose()
        {
            _notifier.Dispose();
            Hook.Dispose();
            _temp.Dispose();
        }
    }
}
