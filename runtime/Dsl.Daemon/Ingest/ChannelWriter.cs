using Dsl.Control.V1;
using Dsl.Daemon.Channels;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Ingest;

/// <summary>
/// Appends the lines of one ingest request (HTTP body, gRPC stream or inbox file) to a channel:
/// each line is checked, good ones appended, bad ones counted and the first hundred described.
/// Lines may arrive split across chunks.
/// </summary>
internal sealed class ChannelWriter
{
    private const int MaxRejections = 100;
    private const int MaxLineBytes = 1 << 20;
    private readonly ChannelLog _channel;
    private readonly ILogger _log;
    private readonly List<byte> _partial = [];
    private byte[] _entry = new byte[4096];
    private ulong _number;

    public ChannelWriter(ChannelLog channel, ILogger log)
    {
        _channel = channel;
        _log = log;
    }

    public IngestResponse Result { get; } = new();

    /// <summary>Appends every complete line of the chunk; keeps the incomplete tail for the next.</summary>
    public void Write(ReadOnlySpan<byte> chunk)
    {
        while (chunk.Length > 0)
        {
            int end = chunk.IndexOf((byte)'\n');
            if (end < 0)
            {
                if (_partial.Count + chunk.Length > MaxLineBytes)
                {
                    _partial.Clear();
                    Reject("line_too_long", $"a line is longer than {MaxLineBytes} bytes");
                    return;
                }

                _partial.AddRange(chunk);
                return;
            }

            if (_partial.Count > 0)
            {
                _partial.AddRange(chunk[..end]);
                WriteLine([.. _partial]);
                _partial.Clear();
            }
            else
            {
                WriteLine(chunk[..end]);
            }

            chunk = chunk[(end + 1)..];
        }
    }

    /// <summary>Writes a structured record.</summary>
    public void Write(Record record) => WriteLine(Api.Conversions.ToNdjson(record));

    /// <summary>The text after the last newline is a final line.</summary>
    public void Complete()
    {
        if (_partial.Count > 0)
        {
            WriteLine([.. _partial]);
            _partial.Clear();
        }
    }

    private void WriteLine(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Trim((byte)' ').IsEmpty)
        {
            return;
        }

        _number++;
        if (LineCheck.Check(line) is { } problem)
        {
            Reject(problem.Reason, problem.Detail);
            return;
        }

        int size = ChannelEntry.Size(default, line);
        if (_entry.Length < size)
        {
            _entry = new byte[size];
        }

        _channel.Append(_entry.AsSpan(0, ChannelEntry.Encode(_entry, default, line)));
        _channel.Recent.Add(line);
        Result.Accepted++;
    }

    private void Reject(string reason, string detail)
    {
        Result.Rejected++;
        if (Result.Rejections.Count < MaxRejections)
        {
            Result.Rejections.Add(new IngestRejection { Number = _number, Reason = reason, Detail = detail });
            _log.LogInformation("ingest into {Channel}: record {Number} refused: {Reason}: {Detail}", _channel.Name, _number, reason, detail);
        }
    }
}
