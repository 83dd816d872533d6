using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>The host's capacity and the maximum pause.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task AStartBeyondTheCapacityIsRefusedSayingWhatIsFree()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), configure: o => o with { JobMemoryBytes = 16L << 20, MemoryCapacityBytes = 16L << 20 });
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/one.stream", TestJobs.Doubler("one"));
        workspace.Write("jobs/two.stream", TestJobs.Doubler("two"));
        workspace.Release(daemon.Data);
        await daemon.WaitReleasedAsync("one");
        await daemon.WaitReleasedAsync("two");

        var both = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "one", "two" } }));
        Assert.Equal(StatusCode.ResourceExhausted, both.Status);
        Assert.Contains("16 MiB of 16 MiB are free", both.Message);
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "one" } });
        var second = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "two" } }));
        Assert.Equal(StatusCode.ResourceExhausted, second.Status);
        Assert.Contains("0 MiB of 16 MiB are free", second.Message);

        // Pausing frees the budget.
        await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "one" } });
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "two" } });

        // Budgets in config.json count from the next start.
        await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "two" } });
        string config = Path.Combine(daemon.Data, "config.json");
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(config))?.AsObject() ?? throw new InvalidOperationException();
        root["resources"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "capacityMb": 64, "jobs": { "two": { "memoryMb": 80 } } }""");
        File.WriteAllText(config, root.ToJsonString());
        var big = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "two" } }));
        Assert.Contains("needs 80 MiB of state memory; 64 MiB of 64 MiB are free", big.Message);
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "one" } });
    }

    [Fact]
    public async Task APauseOlderThanTheMaximumBecomesAStop()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), configure: o => o with { MaxPause = TimeSpan.FromMilliseconds(500) });
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        workspace.Release(daemon.Data);
        await daemon.WaitReleasedAsync("doubler");
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "doubler" } });

        JobSummary? stopped = await Eventually.WaitAsync(() => daemon.StatusAsync("doubler"), s => s?.Status == JobStatus.Stopped, "the expired pause to become a stop");
        Assert.Contains("maximum pause", stopped?.StatusReason);
        Assert.False(Directory.Exists(Path.Combine(daemon.Data, "state", "doubler")));
    }
}
