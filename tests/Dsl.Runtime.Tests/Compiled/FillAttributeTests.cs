using System.Globalization;
using System.Text;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// <c>count(P) … fill 0</c> whose <c>where</c> (or argument) needs an attribute an asset lacks:
/// the asset is skipped for that output, so it gets no zero results, neither for windows with
/// records nor for windows without; the block's other outputs and the assets that have the
/// attribute are not affected.
/// </summary>
public sealed class FillAttributeTests
{
    // Asset B has no R; asset A has R = 1. P = 5 at 00:30 and 02:30 for both.
    private const string Input = """
        {"assetId":"B","modelId":"M","pointId":"P","time":"2026-01-01T00:30:00Z","value":5}
        {"assetId":"A","modelId":"M","pointId":"P","time":"2026-01-01T00:30:00Z","value":5}
        {"assetId":"B","modelId":"M","pointId":"P","time":"2026-01-01T02:30:00Z","value":5}
        {"assetId":"A","modelId":"M","pointId":"P","time":"2026-01-01T02:30:00Z","value":5}

        """;

    private const string MasterData = """[{"assetId":"A","modelId":"M","attributes":{"R":1}}]""";

    [Theory]
    [InlineData("tumbling 1h")]
    [InlineData("tumbling 1h lateness 2h")]
    [InlineData("hopping 2h step 1h")]
    public void An_asset_without_the_attribute_gets_no_fill_results(string window)
    {
        var (outputs, counters) = Run(window, "Cn = count(P) where P > R fill 0  Mx = max(P)");

        Assert.DoesNotContain(outputs, o => o.StartsWith("B Cn", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.StartsWith("B Mx", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.StartsWith("A Cn", StringComparison.Ordinal) && o.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Equal(2, counters[Counter.SkippedAttribute]);
    }

    [Fact]
    public void The_example_of_an_asset_without_the_attribute_emits_nothing()
    {
        var (outputs, counters) = Run("tumbling 1h", "Cn = count(P) where P > R fill 0", master: "[]");

        Assert.Empty(outputs);
        Assert.Equal(4, counters[Counter.SkippedAttribute]);
    }

    [Fact]
    public void With_the_attribute_every_window_up_to_the_latest_time_is_filled()
    {
        var (outputs, _) = Run("tumbling 1h", "Cn = count(P) where P > R fill 0");

        Assert.Equal(["A Cn 1767225600000 1", "A Cn 1767229200000 0", "A Cn 1767232800000 1"], outputs);
    }

    [Fact]
    public void A_session_of_an_asset_without_the_attribute_gets_no_fill_result()
    {
        var (outputs, _) = Run("session 10m", "Cn = count(P) where P > R fill 0");

        Assert.Equal(["A Cn 1767227400000 1", "A Cn 1767234600000 1"], outputs);
    }

    private static (List<string> Outputs, RunCounters Counters) Run(string window, string outputs, string master = MasterData)
    {
        string source = $$"""
            job fill_attr
            model M {
              ai P: double
              attribute R: double
              ai Cn: long
              ai Mx: double
            }
            aggregate M window {{window}} { {{outputs}} }
            """;
        IReadOnlyList<AssetMasterData> assets = AssetMasterDataReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(master)));
        using LoadedJob job = LoadedJob.Load(CompiledOracleJobs.Image(source), "fill_attr");
        var sink = new CollectingSink();
        var session = new JobSession(job.Job, sink, new JobSessionOptions(assets));
        session.ProcessInput(new MemoryStream(Encoding.UTF8.GetBytes(Input)));
        session.Complete();
        List<string> result = [.. sink.Records.Select(r => $"{session.Assets.Id(r.Asset)} {session.Points[r.Point].PointId} {r.Time.ToString(CultureInfo.InvariantCulture)} {r.Value.ToString(CultureInfo.InvariantCulture)}")];
        return (result, session.Counters);
    }
}
