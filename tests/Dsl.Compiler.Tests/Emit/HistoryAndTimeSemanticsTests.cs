using Dsl.Runtime.Hosting;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// History functions of merges and time functions in the asset's zone, through the whole
/// pipeline. Expected values by hand from docs/runtime.md section 5.
/// </summary>
public sealed class HistoryAndTimeSemanticsTests
{
    private const string HistoryJob = """
        job history

        model M {
          ai A: double
          ai B: double
          di I: int
          ai Prev
          ai Delta
          ai Rate
          ai AgeB
          ai PrevB
          generic DeltaI: int
        }

        merge M on A {
          Prev   = prev(A)
          Delta  = delta(A)
          Rate   = rate(A)
          AgeB   = age(B)
          PrevB  = prev(B)
          DeltaI = delta(I)
        }
        """;

    private static readonly string[] HistoryInput =
    [
        Rec.Line("m1", "M", "I", "2026-01-05T09:00:00Z", 4),
        Rec.Line("m1", "M", "B", "2026-01-05T09:40:00Z", 5.0),
        Rec.Line("m1", "M", "A", "2026-01-05T10:00:00Z", 10.0),
        Rec.Line("m1", "M", "B", "2026-01-05T10:10:00Z", 8.0),
        Rec.Line("m1", "M", "I", "2026-01-05T10:20:00Z", 9),
        Rec.Line("m1", "M", "A", "2026-01-05T10:30:00Z", 13.0),
        Rec.Line("m1", "M", "A", "2026-01-05T10:45:00Z", 13.0),
        Rec.Line("m1", "M", "A", "2026-01-05T11:00:00Z", 7.0),
    ];

    [Fact]
    public void History_functions_read_the_previous_value_and_the_time_between_values()
    {
        var run = JobRun.Run(HistoryJob, HistoryInput);
        long t1000 = Rec.Ms("2026-01-05T10:00:00Z"), t1030 = Rec.Ms("2026-01-05T10:30:00Z"), t1045 = Rec.Ms("2026-01-05T10:45:00Z"), t1100 = Rec.Ms("2026-01-05T11:00:00Z");

        // 10:00: the first A, so no prev/delta/rate; B seen once, 20 minutes ago; one I so far.
        Assert.Equal(1200, run.Value("AgeB", t1000));
        Assert.False(run.Has("Prev", t1000));
        Assert.False(run.Has("Delta", t1000));
        Assert.False(run.Has("Rate", t1000));
        Assert.False(run.Has("PrevB", t1000));
        Assert.False(run.Has("DeltaI", t1000));

        // 10:30: A 10 → 13 over half an hour; B 5 → 8, latest 20 minutes ago; I 4 → 9.
        Assert.Equal(10, run.Value("Prev", t1030));
        Assert.Equal(3, run.Value("Delta", t1030));
        Assert.Equal(6, run.Value("Rate", t1030));
        Assert.Equal(1200, run.Value("AgeB", t1030));
        Assert.Equal(5, run.Value("PrevB", t1030));
        Assert.Equal(5, run.Value("DeltaI", t1030));

        // 10:45: an unchanged A: delta and rate are 0.
        Assert.Equal(13, run.Value("Prev", t1045));
        Assert.Equal(0, run.Value("Delta", t1045));
        Assert.Equal(0, run.Value("Rate", t1045));
        Assert.Equal(2100, run.Value("AgeB", t1045));

        // 11:00: 13 → 7 in a quarter hour is -24 per hour.
        Assert.Equal(-6, run.Value("Delta", t1100));
        Assert.Equal(-24, run.Value("Rate", t1100));

        Assert.Equal(5, run[Counter.SkippedMissing]);
        Assert.Equal(19, run[Counter.Outputs]);
    }

    [Fact]
    public void Delta_of_an_integer_point_wraps_as_the_subtraction_it_stands_for()
    {
        // delta(P) is P - prev(P) in the point's type, and int and long arithmetic wraps:
        // 2147483647 - (-2147483648) is -1 as an int, 2^62 - (-2^62) is -2^63 as a long.
        var run = JobRun.Run("""
            job wrap
            model M {
              generic I: int
              generic L: long
              generic DeltaI: int
              generic DiffI: int
              generic DeltaL: long
            }
            merge M on I {
              DeltaI = delta(I)
              DiffI = I - prev(I)
            }
            merge M on L {
              DeltaL = delta(L)
            }
            """,
            [
                Rec.Line("m1", "M", "I", "2026-01-05T09:00:00Z", -2147483648),
                Rec.Line("m1", "M", "L", "2026-01-05T09:00:00Z", -4611686018427387904),
                Rec.Line("m1", "M", "I", "2026-01-05T10:00:00Z", 2147483647),
                Rec.Line("m1", "M", "L", "2026-01-05T10:00:00Z", 4611686018427387904),
            ]);
        long t1000 = Rec.Ms("2026-01-05T10:00:00Z");
        Assert.Equal(-1, run.Value("DeltaI", t1000));
        Assert.Equal(-1, run.Value("DiffI", t1000));
        Assert.Equal(-9223372036854775808d, run.Value("DeltaL", t1000));
    }

    [Fact]
    public void Prev_is_the_value_before_the_latest_one_at_or_before_the_evaluation_time_even_out_of_order()
    {
        // B of 10:20 arrives after the trigger of 10:30 that could have used it, and before the one of 10:15.
        string[] input =
        [
            Rec.Line("m1", "M", "B", "2026-01-05T10:00:00Z", 1.0),
            Rec.Line("m1", "M", "B", "2026-01-05T10:10:00Z", 2.0),
            Rec.Line("m1", "M", "A", "2026-01-05T10:30:00Z", 0.0),
            Rec.Line("m1", "M", "B", "2026-01-05T10:20:00Z", 3.0),
            Rec.Line("m1", "M", "A", "2026-01-05T10:15:00Z", 0.0),
        ];
        var run = JobRun.Run(HistoryJob, input);
        Assert.Equal(1, run.Value("PrevB", Rec.Ms("2026-01-05T10:30:00Z")));
        Assert.Equal(1200, run.Value("AgeB", Rec.Ms("2026-01-05T10:30:00Z")));
        Assert.Equal(1, run.Value("PrevB", Rec.Ms("2026-01-05T10:15:00Z")));
        Assert.Equal(300, run.Value("AgeB", Rec.Ms("2026-01-05T10:15:00Z")));
    }

    private const string TimeJob = """
        job clock

        settings {
          timezone "America/New_York"
        }

        model M {
          ai A: double
          generic Hour: int
          generic Minute: int
          generic Weekday: int
          generic Day: int
          generic Month: int
          generic Year: int
        }

        merge M on A {
          Hour    = hour()
          Minute  = minute()
          Weekday = weekday()
          Day     = day()
          Month   = month()
          Year    = year()
        }
        """;

    private const string TimeAssets = """
        [
          {"assetId":"tokyo","modelId":"M","timezone":"Asia/Tokyo"},
          {"assetId":"berlin","modelId":"M","timezone":"Europe/Berlin"},
          {"assetId":"ny","modelId":"M"}
        ]
        """;

    [Theory]
    [InlineData("tokyo", "2025-12-31T20:30:00Z", 5, 30, 4, 1, 1, 2026)]
    [InlineData("tokyo", "2026-01-04T20:30:00Z", 5, 30, 1, 5, 1, 2026)]
    [InlineData("ny", "2025-12-31T20:30:00Z", 15, 30, 3, 31, 12, 2025)]
    [InlineData("ny", "2026-01-04T20:30:00Z", 15, 30, 7, 4, 1, 2026)]
    [InlineData("berlin", "2026-03-29T00:30:00Z", 1, 30, 7, 29, 3, 2026)]
    [InlineData("berlin", "2026-03-29T01:30:00Z", 3, 30, 7, 29, 3, 2026)]
    public void Time_functions_read_the_evaluation_time_in_the_assets_zone(string asset, string time, int hour, int minute, int weekday, int day, int month, int year)
    {
        var run = JobRun.Run(TimeJob, [Rec.Line(asset, "M", "A", time, 1.0)], TimeAssets);
        long t = Rec.Ms(time);
        Assert.Equal(hour, run.Value("Hour", t));
        Assert.Equal(minute, run.Value("Minute", t));
        Assert.Equal(weekday, run.Value("Weekday", t));
        Assert.Equal(day, run.Value("Day", t));
        Assert.Equal(month, run.Value("Month", t));
        Assert.Equal(year, run.Value("Year", t));
    }

    [Fact]
    public void Time_functions_in_an_aggregate_filter_read_each_records_time_in_the_assets_zone()
    {
        const string source = """
            job morning

            settings {
              timezone "America/New_York"
            }

            model M {
              ai A: double
              ai EarlyCount: long
            }

            aggregate M window tumbling 1h {
              EarlyCount = count(A) where hour() == 5 && weekday() == 1
            }
            """;
        // 20:10, 20:20 and 20:59 UTC are 05:xx on Monday in Tokyo and 15:xx on Sunday in New York.
        var input = new List<string>();
        foreach (var asset in new[] { "tokyo", "ny" })
        {
            foreach (var time in new[] { "2026-01-04T20:10:00Z", "2026-01-04T20:20:00Z", "2026-01-04T20:59:00Z", "2026-01-04T21:00:00Z" })
                input.Add(Rec.Line(asset, "M", "A", time, 1.0));
        }

        var run = JobRun.Run(source, input, TimeAssets);
        var output = Assert.Single(run.Outputs);
        Assert.Equal("tokyo", output.AssetId);
        Assert.Equal(Rec.Ms("2026-01-04T20:00:00Z"), output.Time);
        Assert.Equal(3, output.Number);
    }

    [Theory]
    [InlineData("every 1w", "2026-01-07T10:00:00+09:00", "2026-01-12T00:00:00+09:00", "2026-01-13T08:00:00+09:00")]
    [InlineData("every 1mo", "2026-01-20T10:00:00+09:00", "2026-02-01T00:00:00+09:00", "2026-02-03T08:00:00+09:00")]
    public void A_calendar_merge_grid_follows_the_assets_zone_and_waits_until_time_has_passed_the_grid_point(string every, string first, string onGrid, string after)
    {
        string source = $$"""
            job grid

            model M {
              ai A: double
              ai R
            }

            merge M {{every}} {
              R = A * 10
            }
            """;
        // The job's zone is UTC; the asset's is Tokyo, so its weeks and months start at 15:00 UTC the day before.
        string[] input = [Rec.Line("tokyo", "M", "A", first, 1.0), Rec.Line("tokyo", "M", "A", onGrid, 2.0), Rec.Line("tokyo", "M", "A", after, 3.0)];
        var run = JobRun.Run(source, input, TimeAssets);

        // One grid time between the first record and the last: the local Monday (first of the month),
        // evaluated once a later record arrives, with the record stamped exactly on it.
        var output = Assert.Single(run.Outputs);
        Assert.Equal(Rec.Ms(onGrid), output.Time);
        Assert.Equal(20, output.Number);
    }

    [Fact]
    public void Each_input_point_of_an_aggregate_block_keeps_its_own_event_time()
    {
        const string source = """
            job two_points

            model M {
              ai A: double
              ai B: double
              ai AvgA
              ai MaxB
            }

            aggregate M window tumbling 10m {
              AvgA = avg(A)
              MaxB = max(B)
            }
            """;
        // A reaches 10:11 before B's record of 10:05 arrives; B's own latest time is still 10:01, so it is not late.
        string[] input =
        [
            Rec.Line("d", "M", "A", "2026-01-05T10:00:00Z", 1.0),
            Rec.Line("d", "M", "B", "2026-01-05T10:01:00Z", 5.0),
            Rec.Line("d", "M", "A", "2026-01-05T10:11:00Z", 3.0),
            Rec.Line("d", "M", "B", "2026-01-05T10:05:00Z", 7.0),
        ];
        var run = JobRun.Run(source, input);

        Assert.Equal(0, run[Counter.Late]);
        Assert.Equal(
            ["AvgA@10:00=1", "AvgA@10:10=3", "MaxB@10:00=7"],
            run.Outputs.Select(o => $"{o.PointId}@{DateTimeOffset.FromUnixTimeMilliseconds(o.Time):HH:mm}={o.Number}").Order(StringComparer.Ordinal));
    }
}
