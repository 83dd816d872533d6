using System.Collections.Immutable;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Syntax;
using Dsl.Control.V1;
using Dsl.Daemon.Alarms;
using Dsl.Daemon.Tests.Infrastructure;
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

        // Firing again since the resume; notified only at the first round.
        AlarmInfo reported = Assert.Single(evaluator.Report("meter", rules));
        Assert.Equal((now.AddSeconds(3), now), (reported.Since.ToDateTimeOffset(), reported.LastNotified.ToDateTimeOffset()));
        Assert.Equal((3, 0u), (reported.Value, reported.PendingDeliveries));
    }

    /// <summary>An evaluator whose one channel, "ops", is a webhook that answers 204.</summary>
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
            Evaluator = new AlarmEvaluator(_notifier);
        }

        public WebhookSink Hook { get; }

        public AlarmEvaluator Evaluator { get; }

        public void Dispose()
        {
            _notifier.Dispose();
            Hook.Dispose();
            _temp.Dispose();
        }
    }
}
