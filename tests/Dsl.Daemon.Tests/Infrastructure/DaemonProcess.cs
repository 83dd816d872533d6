using System.Diagnostics;
using System.Text;
using Dsl.Control.Security;
using Dsl.Control.Wire;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary><c>dsl serve</c> as a separate process, so a test can kill it.</summary>
internal sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private DaemonProcess(Process process, StringBuilder log, Uri address, Uri http)
    {
        _process = process;
        _log = log;
        Address = address;
        Http = http;
    }

    public Uri Address { get; }

    public Uri Http { get; }

    public int Id => _process.Id;

    /// <summary>What the daemon has written so far: its log (on stdout) and stderr.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <c>dsl serve</c> on free ports; <paramref name="options"/> replace the default <c>--http-listen 127.0.0.1:0</c>.</summary>
    public static DaemonProcess Start(string data, IReadOnlyList<string>? options = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "dsl.dll"), "serve", "--data", data, "--listen", "127.0.0.1:0", "--checkpoint-seconds", "0.2" }.Concat(options ?? ["--http-listen", "127.0.0.1:0"]))
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("dsl serve did not start");
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginErrorReadLine();

        // The daemon prints "listening GRPC HTTP" once everything is serving.
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            Append(log, line);
        }

        Assert.True(line is not null, "dsl serve ended before listening");
        string[] parts = line.Split(' ');

        // The log goes to stdout: read on, so that it is kept and never fills the pipe.
        _ = Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() is { } next)
            {
                Append(log, next);
            }
        });
        return new DaemonProcess(process, log, new Uri(parts[1]), new Uri(parts[2]));
    }

    private static void Append(StringBuilder log, string? line)
    {
        lock (log)
        {
            log.AppendLine(line);
        }
    }

    public ControlChannel Channel(string token) => new(new ConnectionSettings(Address, token, "test"));

    /// <summary>SIGKILL: no checkpoint, no goodbye.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: the daemon checkpoints its running jobs and exits 0.</summary>
    public int Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false });
        kill?.WaitForExit();
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
