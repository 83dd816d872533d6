namespace Dsl.Releases.Tests;

/// <summary>Job sources the tests release.</summary>
internal static class Jobs
{
    public static string Window(string name, string size = "10m") => $$"""
        job {{name}} "ten-minute statistics"

        model Sensor {
          ai Value: double
          ai ValueAvg
        }

        aggregate Sensor window tumbling {{size}} {
          ValueAvg = avg(Value)
        }

        """;

    public static string Broken(string name) => $$"""
        job {{name}} "broken"

        model Sensor {
          ai Value: double
          ai ValueAvg
        }

        aggregate Sensor window tumbling 10m {
          ValueAvg = avg(NoSuchPoint)
        }

        """;

    /// <summary>A merge from <paramref name="input"/> to <paramref name="output"/> of a shared model Loop.</summary>
    public static string Feed(string name, string input, string output) => $$"""
        job {{name}} "feeds {{output}} from {{input}}"

        model Loop {
          ai A: double
          ai B: double
        }

        merge Loop on {{input}} {
          {{output}} = {{input}} + 1
        }

        """;

    public static string Importing(string name) => $$"""
        job {{name}} "uses a shared model"

        import "../models/shared.stream"

        merge Shared on Power {
          Doubled = Power * 2
        }

        """;

    /// <summary>A merge over the shared model, imported from <paramref name="path"/> as written.</summary>
    public static string ImportingFrom(string name, string path) => Importing(name).Replace("../models/shared.stream", path, StringComparison.Ordinal);

    /// <summary>A model library with an error (DSL2008: no type "doubl").</summary>
    public const string BrokenModel = """
        model Lib {
          ai X: doubl
        }

        """;

    public const string SharedModel = """
        model Shared {
          ai Power: double kW
          ai Doubled kW
        }

        """;
}
