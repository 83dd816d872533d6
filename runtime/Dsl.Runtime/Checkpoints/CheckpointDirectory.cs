using System.Globalization;
using System.Text.Json;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.State;

namespace Dsl.Runtime.Checkpoints;

/// <summary>
/// The layout of a state directory and the commit protocol of its checkpoints:
/// <code>
/// LOCK                         held while a run uses the directory
/// CURRENT                      sealed pointer: the current checkpoint and the previous one
/// store/                       FASTER: log segments and its checkpoints (by token)
/// checkpoints/00000007/        checkpoint.json (sealed) and runtime.bin
/// </code>
/// A checkpoint is written into a temporary folder, synced, renamed to its number, and then
/// committed by replacing <c>CURRENT</c> atomically. A crash at any point before that rename leaves
/// the previous <c>CURRENT</c>, whose checkpoints are untouched; old checkpoints are deleted only
/// after the commit. The last two committed checkpoints are kept.
/// </summary>
internal sealed class CheckpointDirectory : IDisposable
{
    public const string CurrentFile = "CURRENT";
    public const string LockFile = "LOCK";
    public const string CheckpointsFolder = "checkpoints";
    public const string StoreFolder = "store";
    public const string ManifestFile = "checkpoint.json";
    public const string RuntimeFile = "runtime.bin";
    private const string StagingPrefix = ".staging-";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly HashSet<string> OwnEntries = new(StringComparer.Ordinal) { CurrentFile, CurrentFile + ".tmp", LockFile, CheckpointsFolder, StoreFolder };

    // Null for a directory opened to read its committed checkpoints only.
    private readonly FileStream? _lock;

    private CheckpointDirectory(string root, FileStream? lockStream)
    {
        Root = root;
        _lock = lockStream;
    }

    public string Root { get; }

    public string StorePath => Path.Combine(Root, StoreFolder);

    private string CheckpointsPath => Path.Combine(Root, CheckpointsFolder);

    /// <summary>Opens (creating it if needed) and locks a state directory.</summary>
    public static CheckpointDirectory Open(string root)
    {
        root = Path.GetFullPath(root);
        Directory.CreateDirectory(root);
        string[] foreign = [.. Directory.EnumerateFileSystemEntries(root).Where(entry => !WrittenByARun(entry)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
        if (foreign.Length > 0)
        {
            throw new StateException(RuntimeErrors.NotAStateDirectory, root, foreign.Length == 1 ? $"\"{foreign[0]}\"" : $"\"{foreign[0]}\" and {foreign.Length - 1} more entries");
        }

        FileStream lockStream;
        try
        {
            lockStream = new FileStream(Path.Combine(root, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (HeldByAnother(e))
        {
            throw new StateException(RuntimeErrors.StateInUse, e, root);
        }

        Directory.CreateDirectory(Path.Combine(root, CheckpointsFolder));
        return new CheckpointDirectory(root, lockStream);
    }

    /// <summary>
    /// Whether an entry of a state directory is one a run writes, of the kind it writes: a folder
    /// named CURRENT or LOCK is no more a run's than a file of another name, and opening it as the
    /// run's file would fail in the system's words ("Is a directory", "permission denied").
    /// </summary>
    private static bool WrittenByARun(string entry) =>
        Path.GetFileName(entry) is { } name && OwnEntries.Contains(name)
            && (name is CheckpointsFolder or StoreFolder ? Directory.Exists(entry) : File.Exists(entry));

    /// <summary>
    /// A state directory whose committed checkpoints are only read (<see cref="Candidates"/>,
    /// <see cref="ReadManifest"/>): nothing is locked or created, so it must not be written while
    /// they are read; a commit replaces <c>CURRENT</c> atomically, so a reader sees one or the other.
    /// </summary>
    public static CheckpointDirectory OpenToRead(string root) => new(Path.GetFullPath(root), lockStream: null);

    /// <summary>
    /// The checkpoints to try, newest first: those <c>CURRENT</c> names, or, when it is damaged or
    /// missing, every checkpoint folder. Empty for a directory without a checkpoint.
    /// </summary>
    public IReadOnlyList<long> Candidates(out string? pointerProblem)
    {
        pointerProblem = null;
        string current = Path.Combine(Root, CurrentFile);
        if (!File.Exists(current))
        {
            // Checkpoints without a pointer: it was lost, or a crash came between a first
            // checkpoint's folder and its commit. Either way that folder is complete (its files were
            // synced before it was renamed into place), so resuming from it beats starting over.
            long[] folders = [.. Sequences().OrderDescending()];
            if (folders.Length > 0)
            {
                pointerProblem = $"{current} is missing";
            }

            return folders;
        }

        try
        {
            CheckpointPointer pointer = JsonSerializer.Deserialize<CheckpointPointer>(DurableFiles.Unseal(current), Json)
                ?? throw new InvalidDataException("it is empty");
            if (pointer.Format != CheckpointManifest.CurrentFormat)
            {
                throw new StateException(RuntimeErrors.StateFormat, Root, pointer.Format, CheckpointManifest.CurrentFormat);
            }

            return pointer.Previous is long previous ? [pointer.Current, previous] : [pointer.Current];
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            pointerProblem = $"{current}: {e.Message}";
            return [.. Sequences().OrderDescending()];
        }
    }

    /// <summary>
    /// Reads and checks a checkpoint: its sealed manifest and the length and hash of every file it
    /// names. Log segments keep growing after the checkpoint, so theirs cover the part it recorded
    /// (checkpoints from before log hashes were recorded have the length only).
    /// </summary>
    public CheckpointManifest Verify(long sequence)
    {
        CheckpointManifest manifest = ReadManifest(sequence);
        foreach (CheckpointFile file in manifest.StoreFiles.Append(manifest.Runtime))
        {
            Check(file, exactLength: true);
        }

        foreach (CheckpointFile file in manifest.LogFiles)
        {
            Check(file, exactLength: false);
        }

        return manifest;
    }

    /// <summary>Reads a checkpoint's sealed manifest, without checking the files it names.</summary>
    public CheckpointManifest ReadManifest(long sequence)
    {
        string folder = FolderOf(sequence);
        string path = Path.Combine(folder, ManifestFile);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing");
        }

        CheckpointManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CheckpointManifest>(DurableFiles.Unseal(path), Json)
                ?? throw new InvalidDataException("it is empty");
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        if (manifest.Format != CheckpointManifest.CurrentFormat)
        {
            throw new StateException(RuntimeErrors.StateFormat, Root, manifest.Format, CheckpointManifest.CurrentFormat);
        }

        return manifest;
    }

    public byte[] ReadRuntime(CheckpointManifest manifest) => File.ReadAllBytes(Path.Combine(Root, manifest.Runtime.Path));

    /// <summary>The number the next checkpoint gets: above every folder present, even damaged ones.</summary>
    public long NextSequence() => Sequences().DefaultIfEmpty(0).Max() + 1;

    public string RelativeRuntimePath(long sequence) => Path.Combine(CheckpointsFolder, Name(sequence), RuntimeFile);

    /// <summary>A file of the state directory as a checkpoint records it.</summary>
    public CheckpointFile Describe(string path, bool hash) =>
        new(Path.GetRelativePath(Root, path), new FileInfo(path).Length, hash ? DurableFiles.Sha256(path) : null);

    /// <summary>A log segment as a checkpoint records it: the length and hash of the part it needs.</summary>
    public CheckpointFile Describe(LogSegment segment) => new(Path.GetRelativePath(Root, segment.Path), segment.Length, segment.Sha256);

    /// <summary>
    /// Makes the empty staging folder of checkpoint <paramref name="sequence"/>, durably, before
    /// FASTER takes its checkpoint: while it is there a FASTER checkpoint without one of ours is a
    /// commit a crash interrupted, not state whose checkpoints were lost (<see cref="OrphanedStore"/>).
    /// </summary>
    public void BeginCommit(long sequence)
    {
        string staging = StagingOf(sequence);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        DurableFiles.SyncDirectory(CheckpointsPath);
    }

    /// <summary>
    /// Writes and commits, in the folder <see cref="BeginCommit"/> made, a checkpoint whose FASTER
    /// files are already durable, then deletes the checkpoints (and FASTER checkpoints) older than
    /// <paramref name="previous"/>.
    /// </summary>
    public long Commit(CheckpointManifest manifest, ReadOnlySpan<byte> runtime, CheckpointManifest? previous)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        string staging = StagingOf(manifest.Sequence);
        if (!Directory.Exists(staging))
        {
            throw new InvalidOperationException($"The checkpoint {manifest.Sequence} was not begun: {staging} is missing.");
        }

        DurableFiles.WriteAllBytes(Path.Combine(staging, RuntimeFile), runtime);
        byte[] sealedManifest = DurableFiles.Seal(JsonSerializer.Serialize(manifest, Json));
        DurableFiles.WriteAllBytes(Path.Combine(staging, ManifestFile), sealedManifest);
        DurableFiles.SyncDirectory(staging);
        Directory.Move(staging, FolderOf(manifest.Sequence));
        DurableFiles.SyncDirectory(CheckpointsPath);

        // The commit point.
        var pointer = new CheckpointPointer(CheckpointManifest.CurrentFormat, manifest.Sequence, previous?.Sequence);
        DurableFiles.ReplaceAtomically(Path.Combine(Root, CurrentFile), DurableFiles.Seal(JsonSerializer.Serialize(pointer, Json)));

        Retain(manifest, previous);
        return runtime.Length + sealedManifest.Length;
    }

    /// <summary>
    /// When no checkpoint is left to restore (<see cref="Candidates"/> found none) but the store
    /// holds a FASTER checkpoint, which only a checkpoint of ours names: what is missing, for
    /// DSL5001; else null. Starting over would throw that state away without a word, so the
    /// directory counts as damaged, unless a commit was under way (its staging folder is there:
    /// a crash in a first checkpoint), which starting over is right for. A store without a FASTER
    /// checkpoint is what a run that stopped before its first checkpoint leaves.
    /// </summary>
    public string? OrphanedStore(string? pointerProblem)
    {
        if (FasterStateStore.CheckpointTokens(StorePath).Count == 0 || Directory.EnumerateDirectories(CheckpointsPath, StagingPrefix + "*").Any())
        {
            return null;
        }

        string current = Path.Combine(Root, CurrentFile);
        string pointer = File.Exists(current) ? pointerProblem ?? $"{current} names no checkpoint" : $"{current} is missing";
        return $"{StorePath} holds checkpointed state, but {pointer} and no checkpoint folder is left in {CheckpointsPath}";
    }

    /// <summary>Deletes every checkpoint and all state: what stopping a job does.</summary>
    public void Clear()
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(Root))
        {
            string name = Path.GetFileName(entry);
            if (name == LockFile)
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }

        Directory.CreateDirectory(CheckpointsPath);
        DurableFiles.SyncDirectory(Root);
    }

    public void Dispose() => _lock?.Dispose();

    private void Retain(CheckpointManifest current, CheckpointManifest? previous)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal) { Name(current.Sequence) };
        var tokens = new HashSet<Guid> { current.StoreToken };
        if (previous is not null)
        {
            keep.Add(Name(previous.Sequence));
            tokens.Add(previous.StoreToken);
        }

        foreach (string folder in Directory.GetDirectories(CheckpointsPath))
        {
            if (!keep.Contains(Path.GetFileName(folder)))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        foreach (Guid token in FasterStateStore.CheckpointTokens(StorePath))
        {
            if (!tokens.Contains(token))
            {
                FasterStateStore.DeleteCheckpoint(StorePath, token);
            }
        }
    }

    private void Check(CheckpointFile file, bool exactLength)
    {
        string path = Path.Combine(Root, file.Path);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing");
        }

        long length = new FileInfo(path).Length;
        if (exactLength ? length != file.Length : length < file.Length)
        {
            throw new InvalidDataException($"{path} has {length} bytes, the checkpoint recorded {file.Length}");
        }

        if (file.Sha256 is { } expected && (exactLength ? DurableFiles.Sha256(path) : DurableFiles.Sha256(path, file.Length)) != expected)
        {
            throw new InvalidDataException($"{path} does not match its checksum");
        }
    }

    /// <summary>
    /// Whether opening the lock failed because another run holds it: flock's EWOULDBLOCK on Unix (the
    /// raw errno: 11 on Linux, 35 on macOS), a sharing or lock violation on Windows. Any other failure
    /// (a read-only file system, a broken link) is no other run, and goes up with its own message.
    /// </summary>
    private static bool HeldByAnother(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33 : e.HResult == (OperatingSystem.IsMacOS() ? 35 : 11);

    private IEnumerable<long> Sequences() =>
        Directory.GetDirectories(CheckpointsPath)
            .Select(Path.GetFileName)
            .Select(name => long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out long sequence) ? sequence : -1)
            .Where(sequence => sequence > 0);

    public string FolderOf(long sequence) => Path.Combine(CheckpointsPath, Name(sequence));

    private string StagingOf(long sequence) => Path.Combine(CheckpointsPath, StagingPrefix + Name(sequence));

    private static string Name(long sequence) => sequence.ToString("D8", CultureInfo.InvariantCulture);
}
