using Dsl.Control.V1;
using Dsl.Daemon.Api;
using Dsl.Daemon.Channels;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;
using FASTER.core;
using OutputRecord = Dsl.Runtime.Records.OutputRecord;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// A job's outputs: NDJSON in rotated files <c>DATA/out/CHANNEL/JOB/RUN-OFFSET.ndjson</c>, and —
/// at each checkpoint, so exactly once — into the channel (jobs chain) and to output watchers.
/// The committed position is the byte offset over all files of the run; a restore truncates to it.
/// Bytes re-produced after a restore that were already forwarded before a crash (their offset is
/// below <c>forwarded</c>) are not forwarded again.
/// </summary>
/// <remarks>
/// The channel commits its entries on its own schedule, so a forward is committed before the mark
/// says it happened; a crash between the two leaves entries of the job in the channel past the tail
/// the mark recorded. The channel keeps a prefix of what was appended, so when the sink opens, the
/// job's entries from that tail on are the first lines of the output after the mark: the mark moves
/// past them, and each output line reaches the channel exactly once.
/// </remarks>
internal sealed class JobOutputSink : ICommittableSink, IDisposable
{
    private readonly OutputFiles _files;
    private readonly NdjsonOutputSink _ndjson;
    private readonly CaptureStream _capture;
    private readonly ChannelLog _channel;
    private readonly OutputHub _hub;
    private readonly string _job;
    private readonly byte[] _origin;
    private readonly Channel _apiChannel;

    // Between the first entry of a forward and its mark: the channel may hold entries past the mark.
    private bool _forwarding;

    public JobOutputSink(OutputFiles files, ChannelLog channel, OutputHub hub, JobManifest manifest, PointTable points, AssetTable assets)
    {
        _files = files;
        _channel = channel;
        _hub = hub;
        _job = manifest.Name;
        _origin = ChannelEntry.OriginOf(manifest.Name);
        _apiChannel = Conversions.ToProto(manifest.Channel);
        _capture = new CaptureStream();
        _ndjson = new NdjsonOutputSink(_capture, manifest, points, assets);
        CatchUpForwarded();
    }

    public void Write(in OutputRecord record) => _ndjson.Write(record);

    public void Flush() => _ndjson.Flush();

    public OutputPosition Commit()
    {
        _ndjson.Flush();
        ReadOnlySpan<byte> pending = _capture.Pending;
        long start = _files.Length;
        _files.Append(pending);
        _files.Sync();
        long forwarded = _files.Forwarded;
        int skip = (int)Math.Clamp(forwarded - start, 0, pending.Length);
        if (skip < pending.Length)
        {
            _forwarding = true;
            Forward(pending[skip..]);
            _channel.Commit();
            _files.SetForwarded(start + pending.Length, _channel.TailAddress);
            _forwarding = false;
        }

        _capture.Clear();
        _files.RotateIfLarge();
        return new OutputPosition(_files.Length);
    }

    public void Rewind(OutputPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        _capture.Clear();
        if (_files.Length < position.Position)
        {
            throw new StateException(RuntimeErrors.OutputChanged, _files.Folder, "the state directory", $"it has {_files.Length} bytes, the checkpoint committed {position.Position}");
        }

        _files.Truncate(position.Position);
    }

    public void Dispose()
    {
        AdvanceChannelTail();
        _files.Dispose();
    }

    /// <summary>Moves the mark past the job's entries committed after it (see the remarks), or sets the first mark of a run.</summary>
    private void CatchUpForwarded()
    {
        // Entries of a forward that failed in this process may still be waiting for the committer.
        _channel.Commit();
        long end = _channel.TailAddress;
        long from = _files.ChannelTail;
        if (from < 0 || from > end)
        {
            // No mark yet, or one past a tail that a crash took back (entries of others that were
            // never committed): nothing of the job's is there, and later forwards append from here.
            _files.SetForwarded(_files.Forwarded, end);
            return;
        }

        long forwarded = _files.Forwarded;
        using (FasterLogScanIterator reader = _channel.Read(from))
        {
            while (reader.GetNext(out byte[] entry, out int length, out _, out _))
            {
                ReadOnlySpan<byte> span = entry.AsSpan(0, length);
                if (ChannelEntry.Origin(span).SequenceEqual(_origin))
                {
                    forwarded += ChannelEntry.Line(span).Length + 1;
                }
            }
        }

        _files.SetForwarded(forwarded, end);
    }

    /// <summary>
    /// After a forward completed, none of the job's entries can follow the channel's current tail,
    /// so the mark moves there: the next open scans only what a later forward appends.
    /// </summary>
    private void AdvanceChannelTail()
    {
        if (!_forwarding)
        {
            _files.SetForwarded(_files.Forwarded, _channel.TailAddress);
        }
    }

    private void Forward(ReadOnlySpan<byte> bytes)
    {
        bool watched = _hub.HasWatchers;
        byte[] entry = new byte[4096];
        while (bytes.Length > 0)
        {
            int end = bytes.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? default : bytes[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            int size = ChannelEntry.Size(_origin, line);
            if (entry.Length < size)
            {
                entry = new byte[size];
            }

            _channel.Append(entry.AsSpan(0, ChannelEntry.Encode(entry, _origin, line)));
            _channel.Recent.Add(line);
            if (watched && Conversions.FromNdjson(line) is { } record)
            {
                _hub.Publish(_job, _apiChannel, record);
            }
        }
    }
}
