using System.Net.Http.Headers;
using System.Text;
using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>A daemon killed or stopped comes back with every job in its status, running ones resuming exactly.</summary>
public sealed class RestartTests
{
    private const int Records = 200_000;

    [Fact]
    public async Task KilledAndTerminatedDaemonsResumeWithoutLostOrDuplicatedOutput()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string input = temp.Combine("input.ndjson");
        File.WriteAllText(input, TestJobs.Lines(0, Records));
        string more = TestJobs.Lines(Records, Records + 10);
        File.WriteAllText(temp.Combine("all.ndjson"), File.ReadAllText(input) + more);
        string[] expected = DirectRun.Outputs(TestJobs.Doubler(), temp.Combine("all.ndjson"));

        string token;
        using (DaemonProcess first = DaemonProcess.Start(data))
        {
            token = File.ReadAllText(Path.Combine(data, TokenStore.AdminTokenFileName)).Trim();
            var workspace = new Workspace(temp.Combine("ws"));
            workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
            workspace.Write("jobs/idle.stream", TestJobs.Doubler("idle"));
            workspace.Release(data);
            using ControlChannel client = first.Channel(token);
            await Eventually.WaitAsync(() => client.UnaryAsync(JobsApi.List, new ListJobsRequest()), l => l.Jobs.Count == 2, "two released jobs");
            await client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler", "idle" } });
            await client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "idle" } });
            await IngestAsync(first.Http, token, File.ReadAllText(input));

            // Kill while the job is somewhere in the middle (or already done: correctness holds either way).
            await Eventually.WaitAsync(() => Task.FromResult(Outputs(data).Length), n => n > 0, "a first checkpoint with outputs");
            first.Kill();
        }

        using (DaemonProcess second = DaemonProcess.Start(data))
        {
            using ControlChannel client = second.Channel(token);
            var statuses = await client.UnaryAsync(JobsApi.Status, new StatusRequest());
            Assert.Equal(JobStatus.Running, statuses.Jobs.Single(j => j.Name == "doubler").Status);
            Assert.Equal(JobStatus.Paused, statuses.Jobs.Single(j => j.Name == "idle").Status);
            await Eventually.WaitAsync(() => Task.FromResult(Outputs(data).Length), n => n >= Records, "every output after the crash");
            Assert.Equal(0, second.Terminate());
        }

        using (DaemonProcess third = DaemonProcess.Start(data))
        {
            using ControlChannel client = third.Channel(token);
            var statuses = await client.UnaryAsync(JobsApi.Status, new StatusRequest());
            Assert.Equal(JobStatus.Running, statuses.Jobs.Single(j => j.Name == "doubler").Status);
            Assert.Equal(JobStatus.Paused, statuses.Jobs.Single(j => j.Name == "idle").Status);
            await IngestAsync(third.Http, token, more);
            await Eventually.WaitAsync(() => Task.FromResult(Outputs(data).Length), n => n >= Records + 10, "the outputs of records ingested after the restart");
            var counters = (await client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { "doubler" } })).Jobs[0].Counters;
            Assert.Equal((ulong)(Records + 10), counters.RecordsIn);
            third.Terminate();
        }

        Assert.Equal(expected, DirectRun.Normalize(Outputs(data)));
    }

    private static string[] Outputs(string data)
    {
        string folder = Path.Combine(data, "out", "realtime", "doubler");
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.ndjson").Order(StringComparer.Ordinal).SelectMany(ReadShared)]
            : [];
    }

    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static async Task IngestAsync(Uri http, string token, string ndjson)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(http, "/ingest")) { Content = new StringContent(ndjson, Encoding.UTF8) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
