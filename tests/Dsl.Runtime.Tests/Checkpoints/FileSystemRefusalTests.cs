using Dsl.Runtime.Hosting;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary>
/// The system's refusals (no permission, a full disk, a read-only file system) told from damaged
/// state, also where a library wraps them: a checkpoint the run may not read is not damaged.
/// </summary>
public sealed class FileSystemRefusalTests
{
    // What .NET throws on Unix for EACCES: the path's exception around the errno's.
    private static UnauthorizedAccessException Denied(string path) =>
        new($"Access to the path '{path}' is denied.", new IOException("Permission denied", 13));

    [Fact]
    public void A_refused_access_is_found_however_deep_it_is_wrapped_and_the_exception_naming_the_file_is_the_one_found()
    {
        UnauthorizedAccessException denied = Denied("/st/store/checkpoints/cpr-checkpoints/x/delta.dat.0");

        Assert.Same(denied, FileSystemRefusal.Find(denied));
        Assert.Same(denied, FileSystemRefusal.Find(new InvalidOperationException("recovery failed", denied)));
        Assert.Same(denied, FileSystemRefusal.Find(new AggregateException(new InvalidDataException("other"), new InvalidOperationException("wrapped", denied))));
        Assert.Equal(FileSystemRefusalKind.PermissionDenied, FileSystemRefusal.KindOf(new IOException("Permission denied", 13)));
    }

    [Fact]
    public void A_full_disk_and_a_read_only_file_system_are_refusals_of_their_own_kinds()
    {
        Assert.Equal(FileSystemRefusalKind.NoSpace, FileSystemRefusal.KindOf(new IOException("No space left on device : '/st/x'", 28)));
        Assert.Equal(FileSystemRefusalKind.ReadOnly, FileSystemRefusal.KindOf(new IOException("Read-only file system : '/st/LOCK'", 30)));
    }

    [FullDeviceFact]
    public void A_real_full_disk_is_a_refusal()
    {
        var error = Assert.ThrowsAny<IOException>(() =>
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            full.Write(new byte[1]);
            full.Flush();
        });

        Assert.Equal(FileSystemRefusalKind.NoSpace, FileSystemRefusal.KindOf(error));
    }

    [Fact]
    public void Damage_is_no_refusal()
    {
        Assert.Null(FileSystemRefusal.Find(new InvalidDataException("/st/checkpoints/00000007/runtime.bin does not match its checksum")));
        Assert.Null(FileSystemRefusal.Find(new IOException("Input/output error", 5)));
        Assert.Null(FileSystemRefusal.Find(new InvalidOperationException("FASTER could not recover", new FileNotFoundException("missing", "/st/x"))));
    }

    /// <summary>A fact that writes to /dev/full; skipped, saying why, on machines without that device.</summary>
    private sealed class FullDeviceFactAttribute : FactAttribute
    {
        public FullDeviceFactAttribute()
        {
            if (!File.Exists("/dev/full"))
            {
                Skip = "/dev/full does not exist here: the test needs a device whose writes fail with a full disk.";
            }
        }
    }
}
