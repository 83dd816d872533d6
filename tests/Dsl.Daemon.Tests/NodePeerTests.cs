using Dsl.TestUtilities;
using System.Text.Json;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>The daemon's control API from an independent client: grpc-js with control.proto.</summary>
public sealed class NodePeerTests
{
    [NodeFact]
    public async Task AuthenticationAndRolesAreEnforced()
    {
        await using var fixture = await ReleasedDoubler.StartAsync();
        JsonElement result = await NodePeer.RunAsync("auth", fixture.Daemon);
        Assert.Equal("UNAUTHENTICATED", Status(result, "missing"));
        Assert.Equal("UNAUTHENTICATED", Status(result, "wrong"));
        Assert.Equal(0, result.GetProperty("viewerList").GetProperty("code").GetInt32());
        Assert.Equal("PERMISSION_DENIED", Status(result, "viewerStart"));
        Assert.Equal("PERMISSION_DENIED", Status(result, "viewerIngest"));
    }

    [NodeFact]
    public async Task EveryLifecycleCallAnswersWithTheRightStatus()
    {
        await using var fixture = await ReleasedDoubler.StartAsync();
        JsonElement result = await NodePeer.RunAsync("lifecycle", fixture.Daemon);
        Assert.Equal("FAILED_PRECONDITION", Status(result, "pauseReleased"));
        Assert.Equal("FAILED_PRECONDITION", Status(result, "stopReleased"));
        Assert.Equal("NOT_FOUND", Status(result, "startUnknown"));
        Assert.Equal("NOT_FOUND", Status(result, "getUnknown"));
        Assert.Equal("INVALID_ARGUMENT", Status(result, "startEmpty"));
        Assert.Equal("NOT_FOUND", Status(result, "logsUnknown"));
        Assert.Equal("FAILED_PRECONDITION", Status(result, "pauseStopped"));
        Assert.Equal(("JOB_STATUS_RELEASED", "JOB_STATUS_RUNNING"), Transition(result, "start"));
        Assert.Equal(("JOB_STATUS_RUNNING", "JOB_STATUS_PAUSED"), Transition(result, "pause"));
        Assert.Equal(("JOB_STATUS_PAUSED", "JOB_STATUS_RUNNING"), Transition(result, "resume"));
        Assert.Equal(("JOB_STATUS_RUNNING", "JOB_STATUS_STOPPED"), Transition(result, "stop"));
        Assert.Equal(("JOB_STATUS_STOPPED", "JOB_STATUS_STOPPED"), Transition(result, "stopAgain"));
        JsonElement status = result.GetProperty("status").GetProperty("response").GetProperty("jobs")[0];
        Assert.Equal("JOB_STATUS_STOPPED", status.GetProperty("status").GetString());
        Assert.Equal("CHANNEL_REALTIME", status.GetProperty("channel").GetString());
        JsonElement job = result.GetProperty("get").GetProperty("response").GetProperty("job");
        Assert.Contains("Meter.Double", job.GetProperty("outputs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("doubler", result.GetProperty("metrics").GetProperty("response").GetProperty("jobs")[0].GetProperty("name").GetString());
    }

    [NodeFact]
    public async Task PreviewRunsReleasedAndInlineJobsAndReportsBadSource()
    {
        await using var fixture = await ReleasedDoubler.StartAsync();
        await fixture.Daemon.IngestHttpAsync(TestJobs.Lines(0, 20));
        JsonElement result = await NodePeer.RunAsync("preview", fixture.Daemon);

        JsonElement released = result.GetProperty("released").GetProperty("response");
        Assert.Equal(2, released.GetProperty("outputs").GetArrayLength());
        Assert.Equal(3.0, released.GetProperty("outputs")[0].GetProperty("value").GetProperty("numberValue").GetDouble());
        Assert.Equal("5", result.GetProperty("releasedLatest").GetProperty("response").GetProperty("summary").GetProperty("recordsIn").GetString());

        JsonElement inline = result.GetProperty("inline").GetProperty("response");
        Assert.Equal("Triple", inline.GetProperty("outputs")[0].GetProperty("pointId").GetString());
        Assert.Equal("1", inline.GetProperty("summary").GetProperty("invalid").GetString());

        JsonElement bad = result.GetProperty("bad").GetProperty("error");
        Assert.Equal("INVALID_ARGUMENT", bad.GetProperty("status").GetString());
        JsonElement details = bad.GetProperty("richDetails")[0];
        Assert.Equal("dsl.control.v1.Diagnostics", details.GetProperty("type").GetString());
        JsonElement first = details.GetProperty("value").GetProperty("items")[0];
        Assert.Equal("jobs/bad.stream", first.GetProperty("file").GetString());
        Assert.Equal("SEVERITY_ERROR", first.GetProperty("severity").GetString());
        Assert.StartsWith("DSL", first.GetProperty("code").GetString());

        // A message naming a file names it as the job's sources do, not where the daemon compiled them.
        JsonElement missing = result.GetProperty("missingImport").GetProperty("error").GetProperty("richDetails")[0].GetProperty("value").GetProperty("items")[0];
        Assert.Equal("DSL2012", missing.GetProperty("code").GetString());
        Assert.Equal(
            "The imported file \"../models/missing.stream\" was not found at \"jobs/../models/missing.stream\". Import paths are relative to the importing file; correct the path.",
            missing.GetProperty("message").GetString());

        JsonElement nul = result.GetProperty("nulInName").GetProperty("error");
        Assert.Equal("INVALID_ARGUMENT", nul.GetProperty("status").GetString());
        Assert.Equal("the inline file name must be a relative path without '..' or control characters", nul.GetProperty("details").GetString());
        Assert.Equal("INVALID_ARGUMENT", Status(result, "nothing"));
        Assert.Equal("PERMISSION_DENIED", Status(result, "viewer"));
        Assert.Equal("NOT_FOUND", Status(result, "unknown"));

        // Nothing persisted: no job was added, no output written.
        Assert.Single(await fixture.Daemon.Client.UnaryAsync(Control.Api.JobsApi.List, new Control.V1.ListJobsRequest()) is { } list ? list.Jobs : []);
        Assert.Empty(fixture.Daemon.Outputs("doubler"));
    }

    [NodeFact]
    public async Task WatchStreamsSeeStatusChangesAndOutputsOfGrpcIngest()
    {
        await using var fixture = await ReleasedDoubler.StartAsync();
        JsonElement result = await NodePeer.RunAsync("streams", fixture.Daemon);

        JsonElement watch = result.GetProperty("watch").GetProperty("messages");
        Assert.Equal("JOB_STATUS_RELEASED", watch[0].GetProperty("current").GetString());
        Assert.Equal(("JOB_STATUS_RELEASED", "JOB_STATUS_RUNNING"), (watch[1].GetProperty("previous").GetString(), watch[1].GetProperty("current").GetString()));

        JsonElement ingest = result.GetProperty("ingest").GetProperty("response");
        Assert.Equal("3", ingest.GetProperty("accepted").GetString());
        Assert.Equal("1", ingest.GetProperty("rejected").GetString());
        Assert.Equal("malformed_json", ingest.GetProperty("rejections")[0].GetProperty("reason").GetString());
        Assert.Equal("3", ingest.GetProperty("rejections")[0].GetProperty("number").GetString());

        JsonElement outputs = result.GetProperty("outputs").GetProperty("messages");
        Assert.Equal(3, outputs.GetArrayLength());
        Assert.Equal(["a", "b", "c"], outputs.EnumerateArray().Select(o => o.GetProperty("record").GetProperty("assetId").GetString()));
        Assert.All(outputs.EnumerateArray(), o => Assert.Equal("doubler", o.GetProperty("job").GetString()));
        Assert.Equal("NOT_FOUND", Status(result, "badWatch"));
        Assert.Equal("INVALID_ARGUMENT", Status(result, "noChannel"));
        Assert.Equal("NOT_FOUND", Status(result, "unknownWatch"));
        Assert.Equal("NOT_FOUND", Status(result, "unknownOutputs"));
        Assert.Equal("no job 'nope'", result.GetProperty("unknownOutputs").GetProperty("error").GetProperty("details").GetString());
        JsonElement otherChannel = result.GetProperty("otherChannelOutputs").GetProperty("error");
        Assert.Equal("FAILED_PRECONDITION", otherChannel.GetProperty("status").GetString());
        Assert.Equal("job 'doubler' writes its outputs to the realtime channel, not the offline one", otherChannel.GetProperty("details").GetString());
        Assert.Equal("INVALID_ARGUMENT", Status(result, "otherChannel"));
        Assert.Equal("INVALID_ARGUMENT", Status(result, "noFirstChannel"));
    }

    [NodeFact]
    public async Task StatusAndMetricsReportEachNamedJobOnceOrderedByName()
    {
        await using var fixture = await ReleasedDoubler.StartAsync();
        fixture.Workspace.Write("jobs/adder.stream", TestJobs.Doubler("adder"));
        fixture.Workspace.Release(fixture.Daemon.Data);
        await fixture.Daemon.WaitReleasedAsync("adder");

        JsonElement result = await NodePeer.RunAsync("reportOrder", fixture.Daemon);

        foreach (string rpc in new[] { "status", "metrics" })
        {
            JsonElement jobs = result.GetProperty(rpc).GetProperty("response").GetProperty("jobs");
            Assert.Equal(["adder", "doubler"], jobs.EnumerateArray().Select(j => j.GetProperty("name").GetString()));
        }
    }

    private static string? Status(JsonElement result, string name) =>
        result.GetProperty(name).TryGetProperty("error", out JsonElement error) ? error.GetProperty("status").GetString() : "OK";

    private static (string?, string?) Transition(JsonElement result, string name)
    {
        JsonElement transition = result.GetProperty(name).GetProperty("response").GetProperty("transitions")[0];
        return (transition.GetProperty("previous").GetString(), transition.GetProperty("current").GetString());
    }
}
