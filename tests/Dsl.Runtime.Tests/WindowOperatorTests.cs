using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>When windows emit, with which calMode, and what lateness drops; on the count output.</summary>
public sealed class WindowOperatorTests
{
    private static readonly long T0 = At("2026-01-05T00:00:00Z");
    private static readonly int Count = OracleModel.FirstAggregateOutput + (int)AggregateKind.Count;
    private static readonly int Filled = OracleModel.FirstAggregateOutput + 16;

    [Fact]
    public void A_window_is_emitted_on_time_when_the_points_time_reaches_its_end()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute)));
        Feed(harness, (1, 100), (9, 100));
        Assert.Empty(Counts(harness));

        Feed(harness, (10, 100));
        Emitted result = Assert.Single(Counts(harness));
        Assert.Equal((T0, 2.0, CalMode.Ontime), (result.Time, result.Value, result.Mode));
    }

    [Fact]
    public void Late_record_within_lateness_updates_the_window()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute), LatenessMs: 5 * Minute));
        Feed(harness, (1, 100), (12, 100), (3, 100), (14, 100));

        Assert.Equal(
            [(T0, 1.0, CalMode.Ontime), (T0, 2.0, CalMode.Update)],
            Counts(harness).Select(o => (o.Time, o.Value, o.Mode)));
        Assert.Equal(0, harness.Counters[Counter.Late]);
    }

    [Fact]
    public void A_record_is_late_once_the_points_latest_time_reached_window_end_plus_lateness()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute), LatenessMs: 5 * Minute));
        Feed(harness, (1, 100), (15, 100), (9, 100));

        Assert.Equal(1, harness.Counters[Counter.Late]);
        Assert.Equal([1.0], Counts(harness).Where(o => o.Time == T0).Select(o => o.Value));
    }

    [Fact]
    public void With_lateness_0s_a_record_behind_a_record_of_a_later_window_is_dropped()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute)));
        Feed(harness, (1, 100), (10, 100), (9, 100));

        Assert.Equal(1, harness.Counters[Counter.Late]);
    }

    [Fact]
    public void Invalid_values_are_excluded_but_still_advance_event_time()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute)));
        Feed(harness, (1, 100), (11, -5), (2, 100));

        Assert.Equal(1, harness.Counters[Counter.Invalid]);
        Assert.Equal(1, harness.Counters[Counter.Late]);
        Assert.Equal([1.0], Counts(harness).Select(o => o.Value));
    }

    [Fact]
    public void Emit_final_emits_each_window_once_when_lateness_has_expired()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute), LatenessMs: 5 * Minute, Emit: EmitPolicy.Final));
        Feed(harness, (1, 100), (12, 100), (3, 100));
        Assert.Empty(Counts(harness));

        Feed(harness, (15, 100));
        Emitted result = Assert.Single(Counts(harness));
        Assert.Equal((2.0, CalMode.Final), (result.Value, result.Mode));
    }

    [Fact]
    public void Emit_early_gives_partial_results_every_period_then_on_time_then_updates()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute), LatenessMs: 5 * Minute, Emit: EmitPolicy.Early, EarlyEveryMs: 4 * Minute));
        Feed(harness, (1, 100), (4, 100), (5, 100), (9, 100), (10, 100), (2, 100));

        Assert.Equal(
            [(2.0, CalMode.Early), (4.0, CalMode.Early), (4.0, CalMode.Ontime), (5.0, CalMode.Update)],
            Counts(harness).Where(o => o.Time == T0).Select(o => (o.Value, o.Mode)));
    }

    [Fact]
    public void Emit_early_waits_for_the_next_tick_when_a_window_gets_its_first_valid_record_after_a_tick_passed()
    {
        // The 4m tick passes on an invalid record, while the window holds nothing: the records of
        // 5m and 6m come between ticks, so the first partial result is at the 8m tick.
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute), Emit: EmitPolicy.Early, EarlyEveryMs: 4 * Minute));
        Feed(harness, (1, -5), (4, -5), (5, 100), (6, 100));
        Assert.Empty(Counts(harness));

        Feed(harness, (8, 100), (10, 100));
        Assert.Equal(
            [(3.0, CalMode.Early), (3.0, CalMode.Ontime)],
            Counts(harness).Where(o => o.Time == T0).Select(o => (o.Value, o.Mode)));
    }

    [Fact]
    public void Emit_early_waits_for_the_next_tick_when_the_first_record_of_the_asset_comes_after_a_tick()
    {
        // The window holds nothing at the 4m tick: its first value, at 5m, is also the point's
        // first record, so the first partial result is at the 8m tick, not on that record.
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute), Emit: EmitPolicy.Early, EarlyEveryMs: 4 * Minute));
        Feed(harness, (5, 100), (6, 100));
        Assert.Empty(Counts(harness));

        Feed(harness, (8, 100), (10, 100));
        Assert.Equal(
            [(3.0, CalMode.Early), (3.0, CalMode.Ontime)],
            Counts(harness).Where(o => o.Time == T0).Select(o => (o.Value, o.Mode)));
    }

    [Fact]
    public void Emit_early_waits_for_the_next_tick_when_a_windows_first_record_jumps_past_a_tick()
    {
        // The record of 15m opens [10m, 20m) and moves the point's time past its 14m tick, at which
        // the window held nothing: its first partial result is at the 18m tick.
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute), Emit: EmitPolicy.Early, EarlyEveryMs: 4 * Minute));
        Feed(harness, (1, 100), (15, 100), (16, 100));
        Assert.DoesNotContain(Counts(harness), o => o.Time == T0 + (10 * Minute));

        Feed(harness, (18, 100));
        Emitted partial = Assert.Single(Counts(harness), o => o.Time == T0 + (10 * Minute));
        Assert.Equal((3.0, CalMode.Early), (partial.Value, partial.Mode));
    }

    [Fact]
    public void Stamp_end_puts_the_window_end_on_the_output()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute), StampEnd: true));
        Feed(harness, (1, 100));
        harness.Complete();

        Assert.Equal(T0 + (10 * Minute), Assert.Single(Counts(harness)).Time);
    }

    [Fact]
    public void Empty_windows_emit_nothing_except_a_count_with_fill_which_writes_its_value()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute)));
        Feed(harness, (1, 2500), (35, 100));
        harness.Complete();

        Assert.Equal([T0, T0 + (30 * Minute)], Counts(harness).Select(o => o.Time));
        Assert.Equal(
            [(T0, 1.0), (T0 + (10 * Minute), -1.0), (T0 + (20 * Minute), -1.0), (T0 + (30 * Minute), -1.0)],
            harness.Outputs.Where(o => o.Point == Filled).Select(o => (o.Time, o.Value)));
    }

    [Fact]
    public void At_end_of_input_fill_reaches_the_window_of_the_latest_time_even_without_valid_records()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute)));
        Feed(harness, (1, 2500), (20, -1));
        harness.Complete();

        Assert.Equal(
            [(T0, 1.0), (T0 + (10 * Minute), -1.0), (T0 + (20 * Minute), -1.0)],
            harness.Outputs.Where(o => o.Point == Filled).Select(o => (o.Time, o.Value)));
    }

    [Fact]
    public void At_end_of_input_every_open_window_is_emitted_on_time()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Hopping(20 * Minute, 10 * Minute), LatenessMs: Hour));
        Feed(harness, (5, 100), (15, 100));
        harness.Complete();

        Assert.Equal(
            [(T0 - (10 * Minute), 1.0), (T0, 2.0), (T0 + (10 * Minute), 1.0)],
            Counts(harness).Select(o => (o.Time, o.Value)).Order());
        Assert.All(Counts(harness), o => Assert.Equal(CalMode.Ontime, o.Mode));
    }

    [Fact]
    public void A_silent_asset_has_the_windows_the_clock_has_passed_closed_and_kept_closed()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute), LatenessMs: 5 * Minute));
        harness.Session.AdvanceProcessingTime(T0 + (3 * Minute));
        Feed(harness, (1, 100), (3, 100));
        harness.Session.AdvanceProcessingTime(T0 + (12 * Minute));
        Assert.Empty(Counts(harness));

        // Idle (10 minutes since its records): the window the clock has passed is closed at once.
        harness.Session.AdvanceProcessingTime(T0 + (13 * Minute));
        Assert.Equal([(2.0, CalMode.Ontime)], Counts(harness).Select(o => (o.Value, o.Mode)));

        // A record for it is late; one for the next window (a device's buffered data) is not.
        Feed(harness, (4, 100), (12, 100));
        Assert.Equal(1, harness.Counters[Counter.Late]);
        harness.Complete();
        Assert.Equal([(2.0, CalMode.Ontime), (1.0, CalMode.Ontime)], Counts(harness).Select(o => (o.Value, o.Mode)));
    }

    [Fact]
    public void Assets_seen_before_the_clock_starts_count_as_seen_when_it_starts()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Tumbling(10 * Minute)));
        Feed(harness, (1, 100));
        harness.Session.AdvanceProcessingTime(T0 + (2 * Minute));
        harness.Session.AdvanceProcessingTime(T0 + (11 * Minute));
        Assert.Empty(Counts(harness));

        harness.Session.AdvanceProcessingTime(T0 + (12 * Minute));
        Assert.Single(Counts(harness));
    }

    [Fact]
    public void A_late_record_that_joins_an_emitted_session_updates_it()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Session(5 * Minute), LatenessMs: 10 * Minute));
        Feed(harness, (0, 100), (2, 100), (9, 100), (4, 100));

        Assert.Equal(
            [(T0, 2.0, CalMode.Ontime), (T0, 3.0, CalMode.Update)],
            Counts(harness).Where(o => o.Time == T0).Select(o => (o.Time, o.Value, o.Mode)));
    }

    [Fact]
    public void A_record_within_lateness_that_bridges_an_emitted_session_updates_it_when_due()
    {
        // {9} is due when 23 arrives (ontime 1); 18 joins it and bridges to 23: {9, 18, 23} ends at 33,
        // due when 40 arrives (update 3); {40} at the end of input.
        var harness = Harness(new WindowOptions(WindowSpec.Session(10 * Minute), LatenessMs: Hour));
        Feed(harness, (9, 100), (23, 100), (18, 100), (40, 100));
        harness.Complete();

        Assert.Equal(
            [(T0 + (9 * Minute), 1.0, CalMode.Ontime), (T0 + (9 * Minute), 3.0, CalMode.Update), (T0 + (40 * Minute), 1.0, CalMode.Ontime)],
            Counts(harness).Select(o => (o.Time, o.Value, o.Mode)));
        Assert.Equal(0, harness.Counters[Counter.Late]);
    }

    [Fact]
    public void An_invalid_record_makes_a_session_due_and_a_later_record_within_lateness_updates_it()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Session(10 * Minute), LatenessMs: Hour));
        Feed(harness, (0, 100), (10, 5000), (7, 100), (40, 100));

        Assert.Equal(
            [(T0, 1.0, CalMode.Ontime), (T0, 2.0, CalMode.Update)],
            Counts(harness).Select(o => (o.Time, o.Value, o.Mode)));
    }

    [Fact]
    public void An_emitted_session_changed_before_it_is_due_again_is_updated_at_the_end_of_input()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Session(10 * Minute), LatenessMs: Hour));
        Feed(harness, (9, 100), (23, 100), (18, 100));
        harness.Complete();

        Assert.Equal(
            [(T0 + (9 * Minute), 1.0, CalMode.Ontime), (T0 + (9 * Minute), 3.0, CalMode.Update)],
            Counts(harness).Select(o => (o.Time, o.Value, o.Mode)));
    }

    [Fact]
    public void An_emitted_session_that_a_record_extends_past_the_latest_time_gives_no_early_result()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Session(10 * Minute), LatenessMs: Hour, Emit: EmitPolicy.Early, EarlyEveryMs: 2 * Minute));
        Feed(harness, (9, 100), (23, 100), (18, 100), (26, 100), (40, 100));

        Assert.Equal(
            [(T0 + (9 * Minute), 1.0, CalMode.Ontime), (T0 + (9 * Minute), 4.0, CalMode.Update)],
            Counts(harness).Where(o => o.Time == T0 + (9 * Minute)).Select(o => (o.Time, o.Value, o.Mode)));
    }

    [Theory]
    [InlineData(60)] // the session of 0m is still open: the record of 15m comes in order after it
    [InlineData(0)] // the session of 0m has expired: the record of 15m is the asset's only one
    public void A_session_opened_after_the_points_time_passed_its_ticks_gives_its_first_early_result_at_the_next_tick(int latenessMinutes)
    {
        // The invalid record of 20m moves the point's time past the tick 19m of the session the
        // record of 15m then opens; it held nothing there, so the time reaching 22m gives no partial
        // result: the first is at the next tick, 23m.
        var harness = Harness(new WindowOptions(WindowSpec.Session(10 * Minute), LatenessMs: latenessMinutes * Minute, Emit: EmitPolicy.Early, EarlyEveryMs: 4 * Minute));
        Feed(harness, (0, 100), (20, -5), (15, 100), (22, -5));
        Assert.DoesNotContain(Counts(harness), o => o.Time == T0 + (15 * Minute));

        Feed(harness, (23, -5));
        Emitted partial = Assert.Single(Counts(harness), o => o.Time == T0 + (15 * Minute));
        Assert.Equal((1.0, CalMode.Early), (partial.Value, partial.Mode));
    }

    [Fact]
    public void With_emit_final_a_bridged_session_is_emitted_once_when_it_expires()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Session(10 * Minute), LatenessMs: 20 * Minute, Emit: EmitPolicy.Final));
        Feed(harness, (9, 100), (23, 100), (18, 100), (40, 100), (53, 100));

        Assert.Equal([(T0 + (9 * Minute), 3.0, CalMode.Final)], Counts(harness).Select(o => (o.Time, o.Value, o.Mode)));
    }

    [Fact]
    public void A_session_longer_than_its_maximum_is_cut()
    {
        var harness = Harness(new WindowOptions(WindowSpec.Session(5 * Minute, 10 * Minute)));
        Feed(harness, (0, 100), (4, 100), (8, 100), (12, 100), (16, 100));
        harness.Complete();

        Assert.Equal([(T0, 3.0), (T0 + (12 * Minute), 2.0)], Counts(harness).Select(o => (o.Time, o.Value)));
    }

    private static JobHarness Harness(WindowOptions options) => new(new OracleAggregateJob(options));

    private static void Feed(JobHarness harness, params (int Minute, double Value)[] samples)
    {
        foreach (var (minute, value) in samples)
        {
            harness.Feed(new TestRecord("a", OracleModel.Power, T0 + (minute * Minute), value));
        }
    }

    private static List<Emitted> Counts(JobHarness harness) => harness.Outputs.Where(o => o.Point == Count).ToList();
}
