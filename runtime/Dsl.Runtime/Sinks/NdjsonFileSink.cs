using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Sinks;

/// <summary>
/// NDJSON outputs in a file that checkpoints commit: the committed position is a byte length, and
/// a resumed run truncates the file to it before appending, so the file ends up byte for byte as
/// an uninterrupted run writes it.
/// </summary>
public sealed class NdjsonFileSink : ICommittableSink, IDisposable
{
    private readonly string _path;
    private readonly FileStream _file;
    private readonly NdjsonOutputSink _sink;

    public NdjsonFileSink(string path, JobManifest manifest, PointTable points, AssetTable assets)
    {
        _path = Path.GetFullPath(path);
        _file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        _file.Seek(0, SeekOrigin.End);
        _sink = new NdjsonOutputSink(_file, manifest, points, assets);
    }

    public void Write(in OutputRecord record) => _sink.Write(record);

    public void Flush() => _sink.Flush();

    public OutputPosition Commit()
    {
        _sink.Flush();
        _file.Flush(flushToDisk: true);
        return new OutputPosition(_file.Length, Fingerprints.Tail(_file, _file.Length));
    }

    public void Rewind(OutputPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        _sink.Flush();
        if (_file.Length < position.Position)
        {
            throw new StateException(RuntimeErrors.OutputChanged, _path, "the state directory", $"it has {_file.Length} bytes, the checkpoint committed {position.Position}");
        }

        if (position.Fingerprint is { } expected && Fingerprints.Tail(_file, position.Position) != expected)
        {
            throw new StateException(RuntimeErrors.OutputChanged, _path, "the state directory", "its content before the committed position differs");
        }

        _file.SetLength(position.Position);
        _file.Seek(0, SeekOrigin.End);
        _file.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        _sink.Dispose();
        _file.Dispose();
    }
}
