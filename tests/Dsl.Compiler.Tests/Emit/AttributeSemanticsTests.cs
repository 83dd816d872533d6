using Dsl.Runtime.Hosting;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// Attributes of every type, from defaults and from asset master data, and jobs with two models
/// whose attributes sit at different positions, through the whole pipeline.
/// </summary>
public sealed class AttributeSemanticsTests
{
    private const string Source = """
        job attributes

        model Pump {
          ai Flow: double
          attribute Enabled: bool = true
          attribute Site: string = "north"
          attribute Stages: int = 3
          attribute Serial: long
          ai Out
          generic Where: string
        }

        model Fan {
          ai Speed: double
          attribute Site: string = "fan-site"
          attribute Gain: double = 10
          ai FanOut
        }

        merge Pump on Flow {
          Out   = if Enabled then Flow * Stages else -1
          Where = if Site == "north" then "N" else Site
        }

        merge Fan on Speed {
          FanOut = Speed * Gain
        }
        """;

    private static RunResult Run(string assets) => JobRun.Run(Source,
    [
        Rec.Line("p1", "Pump", "Flow", "2026-01-05T10:00:00Z", 2.0),
        Rec.Line("p2", "Pump", "Flow", "2026-01-05T10:00:00Z", 2.0),
        Rec.Line("f1", "Fan", "Speed", "2026-01-05T10:00:00Z", 2.0),
    ], assets);

    [Fact]
    public void Defaults_apply_to_assets_without_master_data()
    {
        var run = Run("[]");
        long t = Rec.Ms("2026-01-05T10:00:00Z");
        Assert.Equal(6, run.Outputs.Single(o => o.AssetId == "p1" && o.PointId == "Out").Number);
        Assert.Equal("N", run.Outputs.Single(o => o.AssetId == "p1" && o.PointId == "Where").Text);
        Assert.Equal(20, run.Outputs.Single(o => o.AssetId == "f1" && o.PointId == "FanOut").Number);
        Assert.All(run.Outputs, o => Assert.Equal(t, o.Time));
    }

    [Fact]
    public void Master_data_values_of_every_type_win_over_the_defaults()
    {
        var run = Run("""
            [
              {"assetId":"p1","modelId":"Pump","attributes":{"Enabled":false,"Site":"south"}},
              {"assetId":"p2","modelId":"Pump","attributes":{"Stages":5,"Site":"\"quoted\""}},
              {"assetId":"f1","modelId":"Fan","attributes":{"Gain":0.5,"Site":"ignored"}}
            ]
            """);
        Assert.Equal(-1, run.Outputs.Single(o => o.AssetId == "p1" && o.PointId == "Out").Number);
        Assert.Equal("south", run.Outputs.Single(o => o.AssetId == "p1" && o.PointId == "Where").Text);
        Assert.Equal(10, run.Outputs.Single(o => o.AssetId == "p2" && o.PointId == "Out").Number);
        Assert.Equal("\"quoted\"", run.Outputs.Single(o => o.AssetId == "p2" && o.PointId == "Where").Text);
        Assert.Equal(1, run.Outputs.Single(o => o.AssetId == "f1" && o.PointId == "FanOut").Number);
        Assert.Equal(0, run[Counter.SkippedAttribute]);
    }

    [Fact]
    public void An_attribute_without_default_or_value_skips_only_the_outputs_that_need_it()
    {
        const string source = """
            job partial

            model Pump {
              ai Flow: double
              attribute Serial: long
              ai WithSerial
              ai WithoutSerial
            }

            merge Pump on Flow {
              WithSerial    = Flow + Serial
              WithoutSerial = Flow + 1
            }
            """;
        string[] input = [Rec.Line("p1", "Pump", "Flow", "2026-01-05T10:00:00Z", 2.0), Rec.Line("p2", "Pump", "Flow", "2026-01-05T10:00:00Z", 2.0)];
        var run = JobRun.Run(source, input, """[{"assetId":"p2","modelId":"Pump","attributes":{"Serial":40}}]""");

        Assert.Equal(["p1/WithoutSerial=3", "p2/WithSerial=42", "p2/WithoutSerial=3"],
            run.Outputs.Select(o => $"{o.AssetId}/{o.PointId}={o.Number}").Order(StringComparer.Ordinal));
        Assert.Equal(1, run[Counter.SkippedAttribute]);
    }

    [Fact]
    public void An_aggregate_skips_an_asset_without_an_attribute_it_reads_on_some_records_only()
    {
        // Flow > 1 decides the filter for every record here, so Limit is never computed; an absent
        // Limit still skips p1's records, and p2's value takes part.
        const string source = """
            job windowed

            model Pump {
              ai Flow: double
              attribute Limit: double
              ai Total
              ai Capped
            }

            aggregate Pump window tumbling 10m {
              Total  = sum(Flow) where Flow > 1 || Flow > Limit
              Capped = sum(if Flow > 1 then Flow else Limit)
            }
            """;
        string[] input = [Rec.Line("p1", "Pump", "Flow", "2026-01-05T10:00:00Z", 2.0), Rec.Line("p2", "Pump", "Flow", "2026-01-05T10:00:00Z", 2.0)];
        var run = JobRun.Run(source, input, """[{"assetId":"p2","modelId":"Pump","attributes":{"Limit":40}}]""");

        Assert.Equal(["p2/Capped=2", "p2/Total=2"],
            run.Outputs.Select(o => $"{o.AssetId}/{o.PointId}={o.Number}").Order(StringComparer.Ordinal));
        Assert.Equal(1, run[Counter.SkippedAttribute]); // once per record (docs/runtime.md)
    }
}
