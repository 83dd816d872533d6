using FASTER.core;

namespace Dsl.Runtime.State;

/// <summary>
/// Durable operator state: keyed tables in one FASTER KV store under a directory, behind a bounded
/// write-back cache, so state larger than the memory budget spills to FASTER's log on disk.
/// Asset-indexed tables (one small entry per asset: progress, event time) stay dense arrays in
/// memory and are copied whole into each checkpoint. Single-threaded, like the run that owns it.
/// A checkpoint first compacts the log when most of it is garbage (old versions of entries and
/// removed ones), so that a long run whose state churns does not grow it without bound; the files
/// freed are deleted once no kept checkpoint needs them (<see cref="ReleaseLog"/>).
/// </summary>
public sealed partial class FasterStateStore : IStateStore, IDisposable
{
    private const string LogFileName = "hlog.log";
    private const string CheckpointFolder = "checkpoints";
    private const int HandlesPerSegment = 16;

    private readonly string _directory;
    private readonly RetainingLogDevice _device;
    private readonly long _segmentBytes;
    private readonly FasterKV<StateKey, StateValue> _faster;
    private readonly ClientSession<StateKey, StateValue, StateValue, StateValue, Empty, SimpleFunctions<StateKey, StateValue>> _session;
    private readonly StateCache _cache;
    private readonly LogChecksums _logChecksums;
    private readonly Dictionary<string, IStoreTable> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _assetTables = new(StringComparer.Ordinal);

    // Restored layout: tables of the checkpoint, claimed by name as the operators ask for them.
    private readonly Dictionary<string, StoredTable> _storedTables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Layout, byte[] Content)> _storedAssetTables = new(StringComparer.Ordinal);
    private int _nextTableId;
    private long _checkpointBegin;
    private bool _disposed;

    private FasterStateStore(string directory, StateStoreOptions options, Guid? recoverFrom)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        (_segmentBytes, long pageBytes) = LogLayout(directory, options, restored: recoverFrom is not null);
        _device = new RetainingLogDevice(Devices.CreateLogDevice(Path.Combine(directory, LogFileName), preallocateFile: false, deleteOnClose: false, recoverDevice: true))
        {
            // FASTER's managed device keeps a pool of this many read and as many write handles for each
            // segment it touches, open until the segment is deleted. Its default (120) let a compaction
            // of a few hundred small segments open 20,000 files, past the process's limit, and FASTER
            // does not survive a read that cannot open its file. With 8, a compaction of 1M entries took half as long again.
            ThrottleLimit = HandlesPerSegment,
        };
        try
        {
            _faster = new FasterKV<StateKey, StateValue>(new FasterKVSettings<StateKey, StateValue>
            {
                IndexSize = options.IndexBytes,
                LogDevice = _device,
                // A store restored with a smaller budget than it was made with still needs a few of its pages.
                MemorySize = Math.Max(options.LogMemoryBytes, 4 * pageBytes),
                PageSize = pageBytes,
                SegmentSize = _segmentBytes,
                CheckpointDir = Path.Combine(directory, CheckpointFolder),
                ConcurrencyControlMode = ConcurrencyControlMode.None,
                EqualityComparer = new StateKeyComparer(),

                // Which checkpoints to keep is the runtime's decision: it keeps the last two.
                RemoveOutdatedCheckpoints = false,
                TryRecoverLatest = false,
            });
            if (recoverFrom is Guid token)
            {
                _faster.Recover(token);
            }

            _session = _faster.For(new SimpleFunctions<StateKey, StateValue>()).NewSession<SimpleFunctions<StateKey, StateValue>>();
        }
        catch
        {
            _faster?.Dispose();
            _device.Dispose();
            throw;
        }

        _cache = new StateCache(_session, options.CacheEntries, storeHasEntries: recoverFrom is not null);
        _logChecksums = new LogChecksums(SegmentPath, _segmentBytes);
    }

    /// <summary>Live entries in the cache (the rest, if any, are in FASTER's log).</summary>
    public int CachedEntries => _cache.Count;

    /// <summary>Lookups that had to read FASTER, and entries written to it because the cache was full.</summary>
    public (long Misses, long Evictions) CacheStatistics => (_cache.Misses, _cache.Evictions);

    /// <summary>Compactions of the log so far (in this store's life, not across restores).</summary>
    public int Compactions { get; private set; }

    /// <summary>FASTER's log addresses: what lies below <c>Head</c> is on disk only.</summary>
    public (long Begin, long Head, long Tail) LogAddresses => (_faster.Log.BeginAddress, _faster.Log.HeadAddress, _faster.Log.TailAddress);

    /// <summary>A new, empty store; whatever an earlier store left in the directory is deleted.</summary>
    public static FasterStateStore Create(string directory, StateStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return new FasterStateStore(directory, options ?? new StateStoreOptions(), null);
    }

    /// <summary>The store as of a checkpoint: FASTER recovered to its token, the table layout read from its metadata.</summary>
    internal static FasterStateStore Recover(string directory, StateStoreOptions? options, Guid token, BinaryReader metadata)
    {
        var store = new FasterStateStore(directory, options ?? new StateStoreOptions(), token);
        try
        {
            store.ReadMetadata(metadata);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public IStateTable<TKey, TValue> GetTable<TKey, TValue>(string name)
        where TKey : unmanaged, IEquatable<TKey>
        where TValue : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_tables.TryGetValue(name, out IStoreTable? existing))
        {
            return existing as IStateTable<TKey, TValue>
                ?? throw new InvalidOperationException($"The state table \"{name}\" was requested with two different layouts.");
        }

        StateLayout.CheckKey<TKey>(name);
        StateLayout.CheckValue<TValue>(name);
        int id;
        long count = 0;
        if (_storedTables.Remove(name, out StoredTable? stored))
        {
            if (stored.KeyLayout != StateLayout.Describe(typeof(TKey)) || stored.ValueLayout != StateLayout.Describe(typeof(TValue)))
            {
                throw new InvalidDataException($"The checkpoint holds the state table \"{name}\" with the layout {stored.KeyLayout} → {stored.ValueLayout}, but the job now uses {StateLayout.Describe(typeof(TKey))} → {StateLayout.Describe(typeof(TValue))}.");
            }

            id = stored.Id;
            count = stored.Count;
        }
        else
        {
            id = _nextTableId++;
        }

        var table = new FasterStateTable<TKey, TValue>(this, _cache, name, id, count);
        _tables.Add(name, table);
        return table;
    }

    public AssetStateTable<TValue> GetAssetTable<TValue>(string name)
        where TValue : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_assetTables.TryGetValue(name, out object? existing))
        {
            return existing as AssetStateTable<TValue>
                ?? throw new InvalidOperationException($"The state table \"{name}\" was requested with two different layouts.");
        }

        var table = new AssetStateTable<TValue>();
        if (_storedAssetTables.Remove(name, out var stored))
        {
            if (!StateLayout.Reads(typeof(TValue), stored.Layout))
            {
                throw new InvalidDataException($"The checkpoint holds the state table \"{name}\" with the layout {stored.Layout}, but the job now uses {StateLayout.Describe(typeof(TValue))}.");
            }

            using var reader = new BinaryReader(new MemoryStream(stored.Content));
            ((ISnapshotAssetTable)table).ReadFrom(reader);
        }

        _assetTables.Add(name, table);
        return table;
    }

    /// <summary>
    /// Writes every changed entry back and takes a FASTER snapshot checkpoint (index and log).
    /// Returns its token; the files it wrote are <see cref="CheckpointFiles"/>, the log's segments
    /// it needs <see cref="CheckpointLogFiles"/>.
    /// </summary>
    internal Guid Checkpoint()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _cache.WriteBack();
        CompactIfWasteful();

        // What this checkpoint records as the log's start, and so the first segment it needs.
        _checkpointBegin = _faster.Log.BeginAddress;
        (bool started, Guid token) = _faster.TakeFullCheckpointAsync(CheckpointType.Snapshot).AsTask().GetAwaiter().GetResult();
        if (!started)
        {
            throw new InvalidOperationException("FASTER did not start a checkpoint (another one is running).");
        }

        HashCheckpointLog(token);
        return token;
    }

    /// <summary>The table registry and the asset tables: what a checkpoint needs besides FASTER's own files.</summary>
    internal void WriteMetadata(BinaryWriter writer)
    {
        writer.Write(_nextTableId);
        var tables = _tables.Values.Select(t => new StoredTable(t.Name, t.Id, StateLayout.Describe(t.KeyType), StateLayout.Describe(t.ValueType), t.LongCount))
            .Concat(_storedTables.Values)
            .OrderBy(t => t.Id)
            .ToList();
        writer.Write(tables.Count);
        foreach (StoredTable table in tables)
        {
            writer.Write(table.Name);
            writer.Write(table.Id);
            writer.Write(table.KeyLayout);
            writer.Write(table.ValueLayout);
            writer.Write(table.Count);
        }

        writer.Write(_assetTables.Count + _storedAssetTables.Count);
        foreach ((string name, object table) in _assetTables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var snapshot = (ISnapshotAssetTable)table;
            using var content = new MemoryStream();
            using (var contentWriter = new BinaryWriter(content, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                snapshot.WriteTo(contentWriter);
            }

            writer.Write(name);
            writer.Write(StateLayout.Describe(snapshot.ValueType));
            writer.Write(checked((int)content.Length));
            writer.Write(content.GetBuffer(), 0, (int)content.Length);
        }

        foreach ((string name, (string layout, byte[] content)) in _storedAssetTables)
        {
            writer.Write(name);
            writer.Write(layout);
            writer.Write(content.Length);
            writer.Write(content);
        }
    }

    internal string Location => _directory;

    /// <summary>
    /// Every file of a FASTER checkpoint (its index and log snapshot, with their metadata), and the
    /// store's segment and page sizes, without which the log's files cannot be read right.
    /// </summary>
    internal static IReadOnlyList<string> CheckpointFiles(string directory, Guid token) =>
        [.. CheckpointFolders(directory, token).Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d))
            .Append(Path.Combine(directory, SegmentSizeFileName)).Append(Path.Combine(directory, PageSizeFileName)).Where(File.Exists).Order(StringComparer.Ordinal)];

    /// <summary>The folders a FASTER checkpoint consists of (for making their entries durable).</summary>
    internal static IReadOnlyList<string> CheckpointDirectories(string directory, Guid token) => [.. CheckpointFolders(directory, token)];

    internal static void DeleteCheckpoint(string directory, Guid token)
    {
        foreach (string folder in CheckpointFolders(directory, token))
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Tokens of the FASTER checkpoints present in a store's directory.</summary>
    internal static IReadOnlyList<Guid> CheckpointTokens(string directory)
    {
        string root = Path.Combine(directory, CheckpointFolder);
        return [.. new[] { "index-checkpoints", "cpr-checkpoints" }
            .Select(kind => Path.Combine(root, kind))
            .Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Select(d => Guid.TryParse(Path.GetFileName(d), out Guid token) ? token : Guid.Empty)
            .Where(t => t != Guid.Empty)
            .Distinct()];
    }

    /// <summary>Every live key of a table: cached ones and those only in FASTER (a scan; not for the hot path).</summary>
    internal IEnumerable<StateKey> Keys(int table)
    {
        var keys = new HashSet<StateKey>();
        _cache.CopyCachedKeys(table, keys);
        if (_cache.StoreHasEntries)
        {
            using IFasterScanIterator<StateKey, StateValue> iterator = _session.Iterate();
            while (iterator.GetNext(out RecordInfo info))
            {
                StateKey key = iterator.GetKey();
                if (key.Table == table && !info.Tombstone && !_cache.IsCached(key))
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _session.Dispose();
        _faster.Dispose();
        _device.Dispose();
        _logChecksums.Dispose();
    }

    private void ReadMetadata(BinaryReader reader)
    {
        _nextTableId = reader.ReadInt32();
        int tables = reader.ReadInt32();
        for (int i = 0; i < tables; i++)
        {
            var table = new StoredTable(reader.ReadString(), reader.ReadInt32(), reader.ReadString(), reader.ReadString(), reader.ReadInt64());
            _storedTables.Add(table.Name, table);
        }

        int assetTables = reader.ReadInt32();
        for (int i = 0; i < assetTables; i++)
        {
            string name = reader.ReadString();
            string layout = reader.ReadString();
            int length = reader.ReadInt32();
            byte[] content = reader.ReadBytes(length);
            if (content.Length != length)
            {
                throw new EndOfStreamException($"The asset state table \"{name}\" ends early.");
            }

            _storedAssetTables.Add(name, (layout, content));
        }
    }

    private static IEnumerable<string> CheckpointFolders(string directory, Guid token)
    {
        string root = Path.Combine(directory, CheckpointFolder);
        yield return Path.Combine(root, "index-checkpoints", token.ToString());
        yield return Path.Combine(root, "cpr-checkpoints", token.ToString());
    }
}
