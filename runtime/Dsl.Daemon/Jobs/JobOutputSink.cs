using Dsl.Control.V1;
using Dsl.Daemon.Api;
using Dsl.Daemon.Channels;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;
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
/// The channel commits its entries on its own schedule, so a forward waits for the channel's
/// commit before its mark says it happened; a crash between the two leaves entries of the job in
/// the channel past the committed address the mark recorded. The channel keeps a prefix of what was
/// appended, so when the sink opens, the job's entries from that address on are the first lines of
/// the output after the mark: the mark moves past them, and each output line reaches the channel
/// once. The mark records committed addresses only (a crash can take back an uncommitted tail, and
/// a scan must start where an entry starts), moves on every 64 MiB of channel even when the job
/// emits nothing (bounding that scan), and says "closed" when the sink closed between forwards
/// (nothing to scan). The bytes skipped are whole lines: output that a replay produces differently
/// (closing by processing time) cannot be matched by its bytes; it is never cut mid-line, and the
/// line the count falls in is forwarded (again), so a record may repeat but is never lost.
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

    // The distance after which a mark moves on without a forward, bounding the scan at the next open.
    private const long MarkLag = 64L << 20;

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
        int skip = WholeLines(pending, (int)Math.Clamp(_files.Forwarded - start, 0, pending.Length));
        if (skip < pending.Length)
        {
            _forwarding = true;

            // Committed in the log they went into: should the channel reopen its log in between,
            // the commit fails (and the job with it) rather than count lost entries as forwarded.
            int generation = _channel.BeginWrite();
            Forward(pending[skip..]);
            _channel.Commit(generation);
            _files.SetForwarded(start + pending.Length, _channel.CommittedTail);
            _forwarding = false;
        }
        else if (_channel.CommittedTail - _files.ChannelTail > MarkLag)
        {
            _files.SetForwarded(_files.Forwarded, _channel.CommittedTail);
        }

        _capture.Clear();
        _files.RotateIfLarge();
        return new OutputPosition(_files.Length);
    }

    /// <summary>
    /// The start of the line <paramref name="skip"/> falls in: lines are forwarded whole. A count
    /// inside a line means the replay differs from what was forwarded, and that line is then new
    /// or a newer version of one forwarded: forwarding it may repeat a record, never lose one.
    /// </summary>
    private static int WholeLines(ReadOnlySpan<byte> pending, int skip)
    {
        if (skip == 0 || skip == pending.Length || pending[skip - 1] == (byte)'\n')
        {
            return skip;
        }

        return pending[..skip].LastIndexOf((byte)'\n') + 1;
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
        if (!_forwarding)
        {
            // Between forwards, nothing of the job's follows the channel's committed tail.
            _files.SetForwarded(_files.Forwarded, _channel.CommittedTail, closed: true);
        }

        _files.Dispose();
    }

    /// <summary>Moves the mark past the job's entries committed after it (see the remarks), or sets the first mark of a run.</summary>
    private void CatchUpForwarded()
    {
        // Entries of a forward that failed in this process may still be waiting for the committer.
        _channel.Commit();
        long end = _channel.CommittedTail;
        long from = _files.ChannelTail;
        long forwarded = _files.Forwarded;

        // No mark yet, or a clean close: nothing of the job's follows. (A committed address cannot lie
        // past the channel's end after a crash; an older mark's might, and then nothing follows either.)
        if (from >= 0 && !_files.Closed && from < end)
        {
            using ChannelReader reader = _channel.Read(from, end);
            while (reader.GetNext(out byte[] entry, out int length, out _, out _))
            {
                ReadOnlySpan<byte> span = entry.AsSpan(0, length);
                if (ChannelEntry.Origin(span).SequenceEqual(_origin))
                {
                    forwarded += ChannelEntry.Line(span).Length + 1;
                }
            }
        }

        // Open again: from here a crash may leave a forward without its mark.
        _files.SetForwarded(forwarded, end);
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

            long address = _channel.Append(entry.AsSpan(0, ChannelEntry.Encode(entry, _origin, line)));
            _channel.Recent.Add(line, _job);
            if (watched && Conversions.FromNdjson(line) is { } record)
            {
                _hub.Publish(_job, _apiChannel, record, address);
            }
        }
    }
}
