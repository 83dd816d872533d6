using Dsl.Runtime.Hosting;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary><c>dsl run --state</c> in process: files, positions and the checks on resume.</summary>
public sealed class DurableFileRunnerTests
{
    [Fact]
    public void A_run_with_checkpoints_writes_what_a_plain_run_writes_and_a_rerun_does_nothing()
    {
        using var temp = new TempDirectory();
        string input = Input(temp);
        var expected = new MemoryStream();
        using (FileStream stream = File.OpenRead(input))
        {
            JobRunner.Run(new TurbineKpisJob(), stream, expected);
        }

        var options = new DurableRunOptions(input, temp.Combine("out.jsonl"), temp.Combine("state"), CheckpointEveryLines: 97, Store: DurableHarness.SmallStore);
        DurableRunResult first = DurableFileRunner.Run(new TurbineKpisJob(), options);
        Assert.False(first.AlreadyComplete);
        Assert.True(first.Checkpoints > 5);
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(options.OutputPath));

        DurableRunResult second = DurableFileRunner.Run(new TurbineKpisJob(), options);
        Assert.True(second.AlreadyComplete);
        Assert.Contains(second.Messages, m => m.Contains("DSL5010", StringComparison.Ordinal));
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(options.OutputPath));
    }

    [Fact]
    public void Standard_input_and_output_are_refused_with_DSL5007()
    {
        using var temp = new TempDirectory();
        Assert.Equal("DSL5007", Assert.Throws<StateException>(() => DurableFileRunner.Run(new TurbineKpisJob(), new DurableRunOptions("-", temp.Combine("o"), temp.Combine("s")))).Code);
        Assert.Equal("DSL5007", Assert.Throws<StateException>(() => DurableFileRunner.Run(new TurbineKpisJob(), new DurableRunOptions(Input(temp), "-", temp.Combine("s")))).Code);
    }

    [Fact]
    public void A_resumed_run_refuses_another_input_with_DSL5005_and_a_shortened_output_with_DSL5006()
    {
        using var temp = new TempDirectory();
        string input = Input(temp);
        string state = temp.Combine("state");
        string output = temp.Combine("out.jsonl");
        using (var host = DurableJobHost.Start(new TurbineKpisJob(), new Hosting.DurableJobOptions(state, Store: DurableHarness.SmallStore), (m, p, a) => new Sinks.NdjsonFileSink(output, m, p, a)))
        {
            var lines = new Sources.Utf8LineReader(File.OpenRead(input));
            for (int i = 0; i < 120 && lines.TryReadLine(out ReadOnlySpan<byte> line); i++)
            {
                host.Session.ProcessLine(line, lines.LineNumber);
            }

            using FileStream file = File.OpenRead(input);
            host.Checkpoint(new Runtime.Checkpoints.InputPosition(lines.Offset, lines.LineNumber, Runtime.Checkpoints.Fingerprints.Tail(file, lines.Offset)));
        }

        string other = temp.Combine("other.jsonl");
        File.WriteAllText(other, File.ReadAllText(input).Replace("WTG-1", "WTG-9", StringComparison.Ordinal));
        var changedInput = Assert.Throws<StateException>(() => DurableFileRunner.Run(new TurbineKpisJob(), new DurableRunOptions(other, output, state, Store: DurableHarness.SmallStore)));
        Assert.Equal("DSL5005", changedInput.Code);

        File.WriteAllBytes(output, File.ReadAllBytes(output)[..10]);
        var changedOutput = Assert.Throws<StateException>(() => DurableFileRunner.Run(new TurbineKpisJob(), new DurableRunOptions(input, output, state, Store: DurableHarness.SmallStore)));
        Assert.Equal("DSL5006", changedOutput.Code);
    }

    [Fact]
    public void A_rerun_of_a_finished_run_on_another_input_is_refused_with_DSL5005_not_reported_as_done()
    {
        using var temp = new TempDirectory();
        string input = Input(temp);
        var options = new DurableRunOptions(input, temp.Combine("out.jsonl"), temp.Combine("state"), Store: DurableHarness.SmallStore);
        DurableFileRunner.Run(new TurbineKpisJob(), options);

        string other = temp.Combine("other.jsonl");
        File.WriteAllText(other, File.ReadAllText(input).Replace("WTG-1", "WTG-9", StringComparison.Ordinal));
        string shorter = temp.Combine("shorter.jsonl");
        File.WriteAllLines(shorter, File.ReadAllLines(input)[..10]);

        Assert.Equal("DSL5005", Assert.Throws<StateException>(() => DurableFileRunner.Run(new TurbineKpisJob(), options with { InputPath = other })).Code);
        Assert.Equal("DSL5005", Assert.Throws<StateException>(() => DurableFileRunner.Run(new TurbineKpisJob(), options with { InputPath = shorter })).Code);
        Assert.True(DurableFileRunner.Run(new TurbineKpisJob(), options).AlreadyComplete);
    }

    /// <summary>
    /// A finished run has flushed its windows at the end of its input, so records appended since
    /// cannot continue it: the grown input is another input (DSL5005), not a run with nothing to do.
    /// </summary>
    [Fact]
    public void A_rerun_of_a_finished_run_on_its_input_grown_since_is_refused_with_DSL5005_saying_so()
    {
        using var temp = new TempDirectory();
        string input = Input(temp);
        string[] lines = File.ReadAllLines(input);
        File.WriteAllLines(input, lines[..700]);
        long ended = new FileInfo(input).Length;
        var options = new DurableRunOptions(input, temp.Combine("out.jsonl"), temp.Combine("state"), Store: DurableHarness.SmallStore);
        DurableFileRunner.Run(new TurbineKpisJob(), options);
        byte[] written = File.ReadAllBytes(options.OutputPath);

        File.AppendAllLines(input, lines[700..]);
        var error = Assert.Throws<StateException>(() => DurableFileRunner.Run(new TurbineKpisJob(), options));

        Assert.Equal("DSL5005", error.Code);
        Assert.Contains($"grown past where the completed run ended, from {ended} to {new FileInfo(input).Length} bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete the state directory and the output to run over the whole input", error.Message, StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllBytes(options.OutputPath));
    }

    private static string Input(TempDirectory temp)
    {
        string path = temp.Combine("in.jsonl");
        var lines = new List<string>();
        long t0 = Instants.At("2026-01-05T00:00:00Z");
        for (int minute = 0; minute < 400; minute += 2)
        {
            foreach (string asset in new[] { "WTG-1", "WTG-2" })
            {
                long t = t0 + (minute * Instants.Minute);
                lines.Add($"{{\"assetId\":\"{asset}\",\"modelId\":\"WindTurbine\",\"pointId\":\"ReactivePower\",\"time\":{t},\"value\":400}}");
                lines.Add($"{{\"assetId\":\"{asset}\",\"modelId\":\"WindTurbine\",\"pointId\":\"ActivePower\",\"time\":{t},\"value\":{300 + minute}}}");
                lines.Add($"{{\"assetId\":\"{asset}\",\"modelId\":\"WindTurbine\",\"pointId\":\"EnergyMeter\",\"time\":{t},\"value\":{1000 + (minute * 7)}}}");
            }
        }

        File.WriteAllLines(path, lines);
        return path;
    }
}
