using System.Diagnostics;
using System.Globalization;
using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Daemon.Bench;

/// <summary>
/// Control-call latency: CLIENTS concurrent clients, each with its own connection (as separate
/// `dsl` processes would have), each making CALLS sequential Jobs.Status calls. Every call made
/// in the measured phase is counted; none is dropped. The clients run in a child process by
/// default, as real clients do, so that their garbage collections do not pause the daemon and
/// each side's CPU cost can be told apart; they still share the machine's cores with it.
/// </summary>
internal static class ControlLatency
{
    public const string ClientsFlag = "--control-clients";
    private const string TokenVariable = "DSL_BENCH_TOKEN";
    private const string MeasuringLine = "#measuring";
    private const string DoneLine = "#done";

    // Calls before measuring, under the same concurrency, for this long. A fresh process runs its
    // call path first unoptimized, then instrumented for profile-guided optimization, and only
    // then fully optimized, recompiling on a background thread that competes for the same 2
    // cores; both sides take tens of thousands of calls (several seconds here) to get there, and
    // a running daemon has long done so. A warm-up of 100 calls per client used to end well before
    // that, so the figures were those of a process still compiling: 130 µs of CPU per call
    // against 85 µs once warm. The warm-up's own figures are printed too, as what the first
    // seconds after a start look like. Connecting (TCP, HTTP/2 settings) happens here as well.
    private static readonly TimeSpan _warmUp = TimeSpan.FromSeconds(20);

    /// <summary>Runs the clients, in a child process unless <paramref name="inProcess"/>, and prints both sides' figures.</summary>
    public static async Task RunAsync(Uri address, string token, int clients, int calls, bool inProcess)
    {
        using var server = new ServerDurations();
        if (inProcess)
        {
            await MeasureAsync(address, token, clients, calls, Console.Out, server);
            return;
        }

        string dll = typeof(ControlLatency).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(dll);
        }

        foreach (string argument in new[] { ClientsFlag, address.ToString(), clients.ToString(CultureInfo.InvariantCulture), calls.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[TokenVariable] = token;
        using Process child = Process.Start(start) ?? throw new InvalidOperationException("the client process did not start");
        ProcessFigures? daemon = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            switch (line)
            {
                case MeasuringLine:
                    daemon = ProcessFigures.Start();
                    server.Start();
                    break;
                case DoneLine:
                    server.Stop();
                    long count = (long)clients * calls;
                    Console.WriteLine($"  daemon process: {daemon?.Describe(count) ?? "not measured"}");
                    Console.WriteLine($"  {server.Describe()}");
                    break;
                default:
                    Console.WriteLine(line);
                    break;
            }
        }

        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the client process failed (exit code {child.ExitCode})");
        }
    }

    /// <summary>The child process's side: <c>--control-clients ADDRESS CLIENTS CALLS</c>, token in the environment.</summary>
    public static Task RunClientsAsync(string[] args) =>
        MeasureAsync(
            new Uri(args[1]),
            Environment.GetEnvironmentVariable(TokenVariable) ?? throw new InvalidOperationException($"{TokenVariable} is not set"),
            int.Parse(args[2], CultureInfo.InvariantCulture),
            int.Parse(args[3], CultureInfo.InvariantCulture),
            null,
            null);

    // Prints to the console (in process) or to the parent (markers around the measured phase).
    private static async Task MeasureAsync(Uri address, string token, int clients, int calls, TextWriter? console, ServerDurations? server)
    {
        var channels = Enumerable.Range(0, clients).Select(_ => new ControlChannel(new ConnectionSettings(address, token, "bench"))).ToArray();
        try
        {
            var warmUpClock = Stopwatch.StartNew();
            double[] warmUp = await RoundAsync(channels, int.MaxValue, warmUpClock, _warmUp);
            Console.WriteLine($"warm-up (from the daemon's first calls): {warmUp.Length:N0} calls in {warmUpClock.Elapsed.TotalSeconds:F1} s ({warmUp.Length / warmUpClock.Elapsed.TotalSeconds:N0}/s), p50 {Percentile(warmUp, 0.50):F2} ms, p99 {Percentile(warmUp, 0.99):F2} ms");
            // The warm-up's garbage is not the measured calls' to collect.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (console is null)
            {
                Console.WriteLine(MeasuringLine);
            }

            server?.Start();
            var figures = ProcessFigures.Start();
            var clock = Stopwatch.StartNew();
            double[] all = await RoundAsync(channels, calls, clock, TimeSpan.MaxValue);
            TimeSpan elapsed = clock.Elapsed;
            server?.Stop();
            string clientFigures = figures.Describe(all.Length);
            Console.WriteLine($"control calls: {clients} clients x {calls} Jobs.Status = {all.Length:N0} calls in {elapsed.TotalSeconds:F2} s ({all.Length / elapsed.TotalSeconds:N0}/s), after the warm-up");
            Console.WriteLine($"  latency seen by the clients: p50 {Percentile(all, 0.50):F2} ms, p90 {Percentile(all, 0.90):F2} ms, p99 {Percentile(all, 0.99):F2} ms, max {all[^1]:F2} ms");
            Console.WriteLine(console is null ? $"  client process: {clientFigures}" : $"  process (clients and daemon): {clientFigures}");
            if (console is null)
            {
                Console.WriteLine(DoneLine);
            }
            else if (server is not null)
            {
                Console.WriteLine($"  {server.Describe()}");
            }
        }
        finally
        {
            foreach (ControlChannel channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    // Each client makes `calls` calls, or as many as it can until `clock` reaches `until`.
    private static async Task<double[]> RoundAsync(ControlChannel[] channels, int calls, Stopwatch clock, TimeSpan until)
    {
        var latencies = new List<double>[channels.Length];
        await Task.WhenAll(Enumerable.Range(0, channels.Length).Select(i => Task.Run(async () =>
        {
            var own = new List<double>(Math.Min(calls, 4096));
            for (int c = 0; c < calls && clock.Elapsed < until; c++)
            {
                long start = Stopwatch.GetTimestamp();
                await channels[i].UnaryAsync(JobsApi.Status, new StatusRequest());
                own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            latencies[i] = own;
        })));
        return [.. latencies.SelectMany(l => l).Order()];
    }

    internal static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
