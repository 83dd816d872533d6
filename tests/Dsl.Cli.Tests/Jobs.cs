namespace Dsl.Cli.Tests;

/// <summary>Small jobs and inputs the command-line tests share.</summary>
public static class Jobs
{
    /// <summary>A merge and a chained aggregate: A → Twice → TwiceMax10m.</summary>
    public const string Chained = """
        job doubler "Twice the input, and its ten-minute maximum"

        model M {
          ai A: double
          attribute Factor: double = 2
          ai Twice
          ai TwiceMax10m
        }

        merge M on A {
          Twice = Factor * A
        }

        aggregate M window tumbling 10m {
          TwiceMax10m = max(Twice)
        }

        """;

    public static string Record(string asset, string point, string isoTime, double value) =>
        $$"""{"assetId":"{{asset}}","modelId":"M","pointId":"{{point}}","time":"{{isoTime}}","value":{{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""";
}
