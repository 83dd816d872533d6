using System.Diagnostics;
using Dsl.Runtime.Tests.Support;
using Dsl.TestUtilities;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary>
/// <c>dsl run --state</c> killed with SIGKILL at random moments (seeded) and rerun until it finishes
/// writes the same bytes as a run that was never interrupted.
/// </summary>
public sealed class KilledRunTests
{
    private static readonly string Job = RepoPaths.Combine("examples", "wind-farm", "turbine_kpis.stream");
    private static readonly string Assets = RepoPaths.Combine("examples", "wind-farm", "assets.json");

    [Fact]
    public void A_run_killed_several_times_resumes_to_exactly_the_output_of_an_uninterrupted_run()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("input.jsonl");
        WindFarmInput.Write(input, seed: 42, turbines: 40, minutes: 2500);
        string expected = temp.Combine("expected.jsonl");
        (int plain, string plainErrors) = DslProcess.Run("run", Job, "--input", input, "--assets", Assets, "--output", expected);
        Assert.True(plain == 0, plainErrors);

        string output = temp.Combine("output.jsonl");
        string state = temp.Combine("state");
        var random = new Random(20260115);
        int resumedAfterKill = 0;
        for (int kill = 0; kill < 4; kill++)
        {
            string before = Current(state);
            using Process process = DslProcess.Start(Arguments(input, output, state));
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();

            // Kill once this process has committed a checkpoint of its own, a random moment later.
            var waited = Stopwatch.StartNew();
            while (!process.HasExited && Current(state) == before && waited.Elapsed < TimeSpan.FromMinutes(1))
            {
                Thread.Sleep(10);
            }

            Thread.Sleep(random.Next(0, 400));
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                resumedAfterKill++;
            }

            process.WaitForExit();
        }

        (int exit, string errors) = DslProcess.Run(Arguments(input, output, state));
        Assert.True(exit == 0, errors);
        Assert.True(resumedAfterKill >= 2, $"only {resumedAfterKill} runs were killed before finishing");
        Assert.True(File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(output)), "the resumed output differs from the uninterrupted one");

        (int again, string againErrors) = DslProcess.Run(Arguments(input, output, state));
        Assert.Equal(0, again);
        Assert.Contains("DSL5010", againErrors);
    }

    private static string[] Arguments(string input, string output, string state) =>
        ["run", Job, "--input", input, "--assets", Assets, "--output", output, "--state", state, "--checkpoint-interval", "50ms"];

    private static string Current(string state)
    {
        try
        {
            return File.ReadAllText(Path.Combine(state, "CURRENT"));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
