using Dsl.TestUtilities;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>Each example compiled from its folder and run once on its input and asset master data, for all tests of a class.</summary>
public sealed class ExampleRuns
{
    private readonly Lazy<RunResult> _windFarm = new(() => Run("wind-farm", "turbine_kpis.stream"));
    private readonly Lazy<RunResult> _solar = new(() => Run("solar-inverters", "inverter_energy.stream"));
    private readonly Lazy<RunResult> _revenue = new(() => Run("revenue-metering", "revenue_metering.stream"));

    internal RunResult WindFarm => _windFarm.Value;

    internal RunResult Solar => _solar.Value;

    internal RunResult Revenue => _revenue.Value;

    private static RunResult Run(string folder, string job)
    {
        var directory = Path.Combine(RepoPaths.Examples, folder);
        var emitted = JobRun.EmitFile(Path.Combine(directory, job));
        using var input = File.OpenRead(Path.Combine(directory, "input.jsonl"));
        return JobRun.Run(emitted, input, JobRun.Assets(File.ReadAllText(Path.Combine(directory, "assets.json"))));
    }
}
