using System.Globalization;

namespace Dsl.Benchmarks.Telemetry;

/// <summary><c>generate --assets N --minutes M [--seed S] --output FILE</c>: writes NDJSON telemetry.</summary>
internal static class GenerateCommand
{
    public static int Run(string[] args)
    {
        int assets = Int(args, "--assets", 2000);
        int minutes = Int(args, "--minutes", 180);
        int seed = Int(args, "--seed", 1);
        string output = Value(args, "--output") ?? "telemetry.jsonl";
        using (FileStream file = File.Create(output))
        {
            TelemetryGenerator.Write(file, assets, minutes, seed);
        }

        Console.WriteLine($"{output}: {(long)assets * minutes * 3} records ({assets} assets x {minutes} minutes x 3 points), {new FileInfo(output).Length / 1e6:F0} MB");
        return 0;
    }

    public static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback) =>
        Value(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
