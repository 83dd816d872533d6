using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Dsl.LanguageServer.Protocol;

/// <summary>
/// Writes Content-Length framed messages. Responses and notifications come from several
/// tasks at once, so writes are serialized; a failed write marks the client as gone.
/// </summary>
public sealed class MessageWriter(Stream output)
{
    private readonly Stream _output = output;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>True once a write failed: the client disconnected.</summary>
    public bool IsBroken { get; private set; }

    public async Task WriteAsync(JsonNode message, CancellationToken cancellationToken = default)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n"));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsBroken)
                return;
            await _output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await _output.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            IsBroken = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
