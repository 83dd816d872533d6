using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>
/// A local webhook endpoint: answers the n-th request with the status <c>status(n)</c> (204 when
/// not given) and keeps the JSON bodies it received, in order.
/// </summary>
internal sealed class WebhookSink : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<int, int> _status;
    private readonly List<JsonElement> _bodies = [];
    private readonly List<string?> _contentLengths = [];

    public WebhookSink(Func<int, int>? status = null, int? port = null)
    {
        _status = status ?? (_ => 204);
        for (int attempt = 1; ; attempt++)
        {
            Port = port ?? FreePort();

            // A listener whose start failed is closed: each attempt needs one of its own.
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (port is null && attempt < 5)
            {
                // A free port is free only until someone binds it: another test may have taken it meanwhile.
            }
        }

        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/alarm";

    /// <summary>The bodies received so far.</summary>
    public JsonElement[] Bodies
    {
        get
        {
            lock (_bodies)
            {
                return [.. _bodies];
            }
        }
    }

    /// <summary>The <c>Content-Length</c> header of each request so far (null for a body sent in chunks).</summary>
    public string?[] ContentLengths
    {
        get
        {
            lock (_bodies)
            {
                return [.. _contentLengths];
            }
        }
    }

    /// <summary>A port nothing listens on (yet).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The first body that <paramref name="match"/> accepts, once it has come.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (JsonElement body in Bodies)
            {
                if (match(body))
                {
                    return body;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"no matching webhook call within {timeout}");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests have come.</summary>
    public async Task WaitForCountAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Bodies.Length < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Bodies.Length} of {count} webhook calls within {timeout}");
            await Task.Delay(10);
        }
    }

    /// <summary>The first body whose <c>condition</c> is <paramref name="condition"/>.</summary>
    public Task<JsonElement> WaitForConditionAsync(string condition, TimeSpan timeout) =>
        WaitForAsync(b => b.GetProperty("condition").GetString() == condition, timeout);

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            int index;
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                string text = await reader.ReadToEndAsync();
                lock (_bodies)
                {
                    index = _bodies.Count;
                    _contentLengths.Add(context.Request.Headers["Content-Length"]);
                    _bodies.Add(text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
                }
            }

            context.Response.StatusCode = _status(index);
            context.Response.Close();
        }
    }
}
