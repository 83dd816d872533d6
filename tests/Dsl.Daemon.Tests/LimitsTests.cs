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
    public async Task AStartBeyondTheWorkerCapacityIsRefusedSayingWhatIsFree()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), configure: o => o with { WorkerCapacity = 2 });
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/one.stream", TestJobs.Doubler("one"));
        workspace.Write("jobs/two.stream", TestJobs.Doubler("two"));
        workspace.Write("jobs/three.stream", TestJobs.Doubler("three"));
        workspace.Release(daemon.Data);
        await daemon.WaitReleasedAsync("one");
        await daemon.WaitReleasedAsync("two");
        await daemon.WaitReleasedAsync("three");

        // One worker each by default: two of three fit.
        var all = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "one", "two", "three" } }));
        Assert.Equal(StatusCode.ResourceExhausted, all.Status);
        Assert.Contains("needs 3 worker thread(s); 2 of 2 are free", all.Message);
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "one", "two" } });
        var third = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "three" } }));
        Assert.Equal(StatusCode.ResourceExhausted, third.Status);
        Assert.Contains("0 of 2 are free", third.Message);

        // config.json sets the capacity and a job's own budget, from the next start.
        await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "two" } });
        string config = Path.Combine(daemon.Data, "config.json");
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(config))?.AsObject() ?? throw new InvalidOperationException();
        root["resources"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "workers": 4, "jobs": { "three": { "workers": 4 } } }""");
        File.WriteAllText(config, root.ToJsonString());
        var big = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "three" } }));
        Assert.Contains("needs 4 worker thread(s); 3 of 4 are free", big.Message);
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "two" } });
        await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "one", "two" } });
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "three" } });
        Assert.Equal(JobStatus.Running, (await daemon.StatusAsync("three"))?.Status);
    }

    [Theory]
    [InlineData("""{ "capacityMb": "2048" }""", "resources.capacityMb must be a whole number of MiB from 1 to 8796093022207, not \"2048\"")]
    [InlineData("""{ "jobMemoryMb": 0.5 }""", "resources.jobMemoryMb must be a whole number of MiB from 1 to 8796093022207, not 0.5")]
    [InlineData("""{ "jobs": { "doubler": { "memoryMb": 8796093022208 } } }""", "resources.jobs.doubler.memoryMb must be a whole number of MiB from 1 to 8796093022207, not 8796093022208")]
    [InlineData("""{ "workers": -4 }""", "resources.workers must be a whole number of worker threads from 1 to 2147483647, not -4")]
    [InlineData("""{ "jobs": { "doubler": 2 } }""", "resources.jobs.doubler must be an object, not 2")]
    [InlineData("[1024]", "\"resources\" must be an object, not [1024]")]
    public async Task ABudgetWrittenWronglyRefusesTheStartNamingItRatherThanFallingBackToTheDefault(string resources, string problem)
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAsync(workspace, "doubler", TestJobs.Doubler());
        string config = Path.Combine(daemon.Data, "config.json");
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(config))?.AsObject() ?? throw new InvalidOperationException();
        root["resources"] = System.Text.Json.Nodes.JsonNode.Parse(resources);
        File.WriteAllText(config, root.ToJsonString());

        var refused = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } }));

        Assert.Equal(StatusCode.FailedPrecondition, refused.Status);
        Assert.Equal($"job 'doubler' cannot start: {config}: {problem}", refused.Message);
        Assert.Equal(JobStatus.Released, (await daemon.StatusAsync("doubler"))?.Status);

        // Mended, the start goes through.
        root.Remove("resources");
        File.WriteAllText(config, root.ToJsonString());
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        Assert.Equal(JobStatus.Running, (await daemon.StatusAsync("doubler"))?.Status);
    }

    [Fact]
    public async Task APauseOlderThanTheMaximumBecomesAStop()
    {
        using var temp = new TempDirectory();
        // 0.72 s, written as --max-pause-hours takes it.
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), configure: o => o with { MaxPause = TimeSpan.FromHours(0.0002) });
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "doubler", TestJobs.Doubler());
        await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "doubler" } });

        JobSummary? stopped = await Eventually.WaitAsync(() => daemon.StatusAsync("doubler"), s => s?.Status == JobStatus.Stopped, "the expired pause to become a stop");
        // In the option's unit, not as a TimeSpan prints itself (the default would read "1.00:00:00").
        Assert.Equal("paused longer than the maximum pause of 0.0002 hours (dsl serve --max-pause-hours)", stopped?.StatusReason);
        Assert.False(Directory.Exists(Path.Combine(daemon.Data, "state", "doubler")));
    }
}
