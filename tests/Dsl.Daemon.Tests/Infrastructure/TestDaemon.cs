using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.TestUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>A daemon in the test process on free loopback ports, with a token of every role.</summary>
internal sealed class TestDaemon : IAsyncDisposable
{
    private TestDaemon(Daemon daemon, string data)
    {
        Daemon = daemon;
        Data = data;
        var tokens = new TokenStore(data);
        Admin = File.ReadAllText(Path.Combine(data, TokenStore.AdminTokenFileName)).Trim();
        Operator = tokens.Create(Role.Operator).Secret;
        Viewer = tokens.Create(Role.Viewer).Secret;
        Client = Channel(Operator);
    }

    public Daemon Daemon { get; }

    public string Data { get; }

    public string Admin { get; }

    public string Operator { get; }

    public string Viewer { get; }

    /// <summary>A client with the operator token.</summary>
    public ControlChannel Client { get; }

    /// <param name="log">Where the daemon logs; nowhere when null.</param>
    public static async Task<TestDaemon> StartAsync(string data, TimeSpan? checkpointInterval = null, Func<DaemonOptions, DaemonOptions>? configure = null, RecordingLogger? log = null)
    {
        var options = new DaemonOptions
        {
            DataDirectory = data,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
            CheckpointInterval = checkpointInterval ?? TimeSpan.FromMilliseconds(200),
            ReleasePollInterval = TimeSpan.FromMilliseconds(100),
        };
        ILoggerFactory loggers = log is null ? NullLoggerFactory.Instance : new RecordingLoggerFactory(log);
        return new TestDaemon(await Daemon.StartAsync(configure?.Invoke(options) ?? options, loggers), data);
    }

    /// <summary>Whether a <c>WatchOutputs</c> call is subscribed: outputs published before are not sent to it.</summary>
    public bool HasOutputWatchers => ((Dsl.Daemon.Jobs.JobRegistry)Daemon.Releases).Outputs.HasWatchers;

    public ControlChannel Channel(string token) => new(new ConnectionSettings(Daemon.Address, token, "test"));

    public async Task<JobSummary?> StatusAsync(string job)
    {
        var list = await Client.UnaryAsync(JobsApi.List, new ListJobsRequest());
        return list.Jobs.FirstOrDefault(j => j.Name == job);
    }

    public Task<JobSummary?> WaitReleasedAsync(string job, uint version = 1) =>
        Eventually.WaitAsync(() => StatusAsync(job), s => s is not null && s.Version >= version, $"job {job} v{version} to be released");

    /// <summary>Writes the job's file into the workspace, releases it to this daemon and waits until it is deployed.</summary>
    public async Task ReleaseAsync(Workspace workspace, string job, string source)
    {
        workspace.Write($"jobs/{job}.stream", source);
        workspace.Release(Data);
        await WaitReleasedAsync(job);
    }

    /// <summary><see cref="ReleaseAsync"/>, then starts the job.</summary>
    public async Task ReleaseAndStartAsync(Workspace workspace, string job, string source)
    {
        await ReleaseAsync(workspace, job, source);
        await Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { job } });
    }

    public async Task<JobCounters> CountersAsync(string job) =>
        (await Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { job } })).Jobs[0].Counters;

    /// <summary>
    /// Delivers a file to the inbox as writers should: written under another name beside the data
    /// folder, then renamed into place, so the inbox never sees it half written.
    /// </summary>
    public void DeliverToInbox(string name, string text)
    {
        string staging = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Data))!, "staging-" + name);
        File.WriteAllText(staging, text);
        File.Move(staging, Path.Combine(Data, "inbox", name));
    }

    /// <summary>Every output line a job wrote, over all its runs and files, in order.</summary>
    public string[] Outputs(string job, string channel = "realtime", int? run = null)
    {
        string folder = Path.Combine(Data, "out", channel, job);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        string prefix = run is int r ? $"{r:D4}-" : string.Empty;
        return [.. Directory.EnumerateFiles(folder, prefix + "*.ndjson").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines)];
    }

    public async Task<IngestResponse> IngestHttpAsync(HttpContent content, string channel = "realtime")
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Daemon.HttpAddress ?? throw new InvalidOperationException(), $"/ingest?channel={channel}")) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Operator);
        using HttpResponseMessage response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"ingest answered {response.StatusCode}: {body}");
        return IngestResponse.Parser.ParseJson(body);
    }

    public Task<IngestResponse> IngestHttpAsync(string ndjson, string channel = "realtime") =>
        IngestHttpAsync(new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"), channel);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Daemon.DisposeAsync();
    }
}
