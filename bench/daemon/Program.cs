using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: dotnet run -c Release --project bench/daemon [-- RECORDS CLIENTS CALLS [in-process]]
// "in-process" runs the control-call clients inside this process, beside the daemon.
if (args is [Dsl.Daemon.Bench.ControlLatency.ClientsFlag, ..])
{
    await Dsl.Daemon.Bench.ControlLatency.RunClientsAsync(args);
    return;
}

int records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
int clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
int calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
bool inProcess = args.Length > 3 && args[3] == "in-process";
string root = Path.Combine(Path.GetTempPath(), "dsl-daemon-bench-" + Guid.NewGuid().ToString("N"));
string data = Path.Combine(root, "data");
try
{
    // 0. Where ingest time goes, in process (no HTTP, no job): the line check alone, then the
    // channel writer (check, batch, enqueue, recent ring) and the final durable commit.
    byte[] sample = Lines(records);
    var stage = Stopwatch.StartNew();
    int good = 0;
    for (int start = 0, end; start < sample.Length; start = end + 1)
    {
        end = Array.IndexOf(sample, (byte)'\n', start);
        good += Dsl.Daemon.Ingest.LineCheck.Check(sample.AsSpan(start, end - start)) is null ? 1 : 0;
    }

    Console.WriteLine($"line check: {good:N0} lines in {stage.Elapsed.TotalSeconds:F2} s = {good / stage.Elapsed.TotalSeconds:N0} lines/s");
    using (var channel = new Dsl.Daemon.Channels.ChannelLog("bench", Path.Combine(root, "channel")))
    {
        stage.Restart();
        var writer = new Dsl.Daemon.Ingest.ChannelWriter(channel, new Dsl.Daemon.Ingest.FutureLimit(TimeSpan.FromHours(24), TimeProvider.System), NullLogger.Instance);
        for (int at = 0; at < sample.Length; at += 1 << 16)
        {
            writer.Write(sample.AsSpan(at, Math.Min(1 << 16, sample.Length - at)));
        }

        writer.Complete();
        TimeSpan written = stage.Elapsed;
        await channel.CommitAsync();
        Console.WriteLine($"channel writer: {records:N0} lines in {written.TotalSeconds:F2} s + commit {(stage.Elapsed - written).TotalSeconds:F2} s = {records / stage.Elapsed.TotalSeconds:N0} records/s");
    }

    await using Daemon daemon = await Daemon.StartAsync(
        new DaemonOptions { DataDirectory = data, Listen = new IPEndPoint(IPAddress.Loopback, 0), HttpListen = new IPEndPoint(IPAddress.Loopback, 0), ReleasePollInterval = TimeSpan.FromMilliseconds(100) },
        NullLoggerFactory.Instance);
    string token = File.ReadAllText(Path.Combine(data, TokenStore.AdminTokenFileName)).Trim();
    Release(root, data);
    using var control = new ControlChannel(new ConnectionSettings(daemon.Address, token, "bench"));
    while ((await control.UnaryAsync(JobsApi.List, new ListJobsRequest())).Jobs.Count == 0)
    {
        await Task.Delay(100);
    }

    await control.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });

    // 1. HTTP ingest: one chunked POST of RECORDS lines, timed until the durable answer; first into
    // the offline channel (no job reads it), then into the realtime channel the started job reads.
    byte[] body = sample;
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
    await PostAsync("offline");
    var clock = Stopwatch.StartNew();
    await PostAsync("realtime");
    double ingestSeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"HTTP ingest (realtime, job reading): {records:N0} records ({body.Length / 1e6:F0} MB) in {ingestSeconds:F2} s = {records / ingestSeconds:N0} records/s");

    async Task PostAsync(string channel)
    {
        var timer = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(daemon.HttpAddress ?? throw new InvalidOperationException(), "/ingest?channel=" + channel)) { Content = new StreamContent(new MemoryStream(body), 1 << 16) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        if (channel == "offline")
        {
            Console.WriteLine($"HTTP ingest (offline, no job reading): {records:N0} records in {timer.Elapsed.TotalSeconds:F2} s = {records / timer.Elapsed.TotalSeconds:N0} records/s");
        }
    }

    // The job catches up: records read per second end to end.
    while ((await control.UnaryAsync(JobsApi.Metrics, new MetricsRequest())).Jobs[0].Counters.RecordsIn < (ulong)records)
    {
        await Task.Delay(20);
    }

    Console.WriteLine($"job caught up after {clock.Elapsed.TotalSeconds:F2} s = {records / clock.Elapsed.TotalSeconds:N0} records/s through the job");

    // 2. Control calls: CLIENTS concurrent clients, each CALLS sequential Jobs.Status calls.
    await Dsl.Daemon.Bench.ControlLatency.RunAsync(daemon.Address, token, clients, calls, inProcess);
}
finally
{
    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
        // Left for the OS to clean.
    }
}

static byte[] Lines(int count)
{
    var text = new StringBuilder(count * 110);
    for (int i = 0; i < count; i++)
    {
        text.Append(CultureInfo.InvariantCulture, $"{{\"assetId\":\"m{i % 1000}\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":{1_700_000_000_000L + i},\"value\":{i % 997}.5}}\n");
    }

    return Encoding.UTF8.GetBytes(text.ToString());
}

static void Release(string root, string data)
{
    string workspace = Path.Combine(root, "ws");
    Directory.CreateDirectory(Path.Combine(workspace, "jobs"));
    File.WriteAllText(Path.Combine(workspace, "jobs", "doubler.stream"), "job doubler\n\nmodel Meter {\n  ai Power: double kW\n  ai Double kW\n}\n\nmerge Meter on Power {\n  Double = Power * 2\n}\n");
    Git(workspace, "init", "-q", ".");
    Git(workspace, "add", "-A");
    Git(workspace, "-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "bench");
    Git(workspace, "push", "-q", Path.Combine(data, "jobs.git"), "HEAD:release");
}

static void Git(string directory, params string[] arguments)
{
    var start = new ProcessStartInfo("git") { WorkingDirectory = directory, UseShellExecute = false };
    foreach (string argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using Process process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed");
    }
}
