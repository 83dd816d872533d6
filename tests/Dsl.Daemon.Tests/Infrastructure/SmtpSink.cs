using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>A one-purpose SMTP server: accepts every mail and keeps its DATA.</summary>
internal sealed class SmtpSink : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public SmtpSink()
    {
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public TaskCompletionSource<(string[] Recipients, string Data)> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Replies to give MAIL FROM before accepting it, one per connection (e.g. "451 greylisted").</summary>
    public Queue<string> MailFromRefusals { get; } = new();

    /// <summary>How many times a client said MAIL FROM.</summary>
    public int MailFromCount => Volatile.Read(ref _mailFromCount);

    private int _mailFromCount;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        await using NetworkStream stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        var recipients = new List<string>();
        await writer.WriteLineAsync("220 test ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("EHLO", StringComparison.Ordinal))
            {
                await writer.WriteLineAsync("250-test");
                await writer.WriteLineAsync("250 OK");
            }
            else if (line.StartsWith("RCPT TO:", StringComparison.Ordinal))
            {
                recipients.Add(line[8..].Trim('<', '>'));
                await writer.WriteLineAsync("250 OK");
            }
            else if (line == "DATA")
            {
                await writer.WriteLineAsync("354 go on");
                var data = new StringBuilder();
                while (await reader.ReadLineAsync() is { } text && text != ".")
                {
                    data.AppendLine(text);
                }

                await writer.WriteLineAsync("250 queued");
                Received.TrySetResult(([.. recipients], data.ToString()));
            }
            else if (line.StartsWith("MAIL FROM:", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _mailFromCount);
                if (MailFromRefusals.TryDequeue(out string? refusal))
                {
                    await writer.WriteLineAsync(refusal);
                    return;
                }

                await writer.WriteLineAsync("250 OK");
            }
            else if (line == "QUIT")
            {
                await writer.WriteLineAsync("221 bye");
                return;
            }
            else
            {
                await writer.WriteLineAsync("250 OK");
            }
        }
    }
}
