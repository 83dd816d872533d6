using Dsl.Cli.Commands;
using Dsl.Cli.Reporting;

namespace Dsl.Cli.Tests;

/// <summary>
/// A full disk and a read-only file system said in one line in our words, with the file as the user
/// named it, not in .NET's ("No space left on device : '/home/ann/w/st/…'"); a resumable run adds
/// what to do about a full disk. The exceptions are built as .NET builds them on Unix: an
/// IOException whose HResult is the errno (ENOSPC 28, EROFS 30).
/// </summary>
public sealed class FullOrReadOnlyDiskTests
{
    private static readonly string Here = Directory.GetCurrentDirectory();

    [Fact]
    public void A_full_disk_names_the_file_as_given_and_a_resumable_run_says_it_resumes_once_there_is_space()
    {
        string staging = Path.Combine("st", "checkpoints", ".staging-00000004", "runtime.bin");
        var full = new IOException($"No space left on device : '{Path.Combine(Here, staging)}'", 28);

        Assert.Equal($"{staging}: no space left on the device", UserMessage.Of(full));
        Assert.Equal(
            $"{staging}: no space left on the device; free some space and run the same command again: it resumes from its last checkpoint",
            DurableRunCommand.Failure(full));
    }

    [Fact]
    public void A_read_only_file_system_says_so_of_the_file()
    {
        var readOnly = new IOException("Read-only file system : '/mnt/ro/LOCK'", 30);

        Assert.Equal("/mnt/ro/LOCK: the file system is read-only", UserMessage.Of(readOnly));
        Assert.Equal("/mnt/ro/LOCK: the file system is read-only", DurableRunCommand.Failure(readOnly));
    }

    [Fact]
    public void Other_input_and_output_errors_keep_the_systems_words()
    {
        var other = new IOException("Input/output error : '/mnt/x/o.jsonl'", 5);

        Assert.Equal("Input/output error : '/mnt/x/o.jsonl'", DurableRunCommand.Failure(other));
    }
}
