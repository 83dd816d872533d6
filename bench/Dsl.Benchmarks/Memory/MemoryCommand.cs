using System.Globalization;
using Dsl.Benchmarks.Telemetry;

namespace Dsl.Benchmarks.Memory;

/// <summary><c>memory [--keys N]</c>: bytes per open window key for the common aggregate blocks.</summary>
internal static class MemoryCommand
{
    public static int Run(string[] args)
    {
        int keys = GenerateCommand.Int(args, "--keys", 200_000);
        foreach ((string name, string outputs) in WindowMemory.Blocks)
        {
            (double retained, double allocated) = WindowMemory.Measure(outputs, keys);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory {name,-18} {keys} open windows: retained {retained:F0} B/key, allocated {allocated:F0} B/key"));
        }

        return 0;
    }
}
