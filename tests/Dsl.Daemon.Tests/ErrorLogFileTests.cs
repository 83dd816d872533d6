using Dsl.Control.V1;
using Dsl.Daemon.Jobs;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>A job's error log kept beside its state: bounded, written only when changed, and trimmed to a resumed position.</summary>
public sealed class ErrorLogFileTests
{
    [Fact]
    public void The_file_keeps_the_latest_entries_and_the_count_of_older_ones()
    {
        using var temp = new TempDirectory();
        string path = ErrorLogFile.Beside(temp.Combine("state", "job"));
        Directory.CreateDirectory(temp.Combine("state"));
        var log = new BoundedErrorLog(capacity: 3);
        for (int i = 1; i <= 5; i++)
        {
            Reject(log, position: 100 * i);
        }

        new ErrorLogFile(path).Save(log);
        var restored = new BoundedErrorLog(capacity: 3);
        ErrorLogFile.Load(path, restored);

        Assert.Equal(temp.Combine("state", "job.errors.json"), path);
        Assert.Equal([300ul, 400ul, 500ul], restored.Entries(null, 0).Select(e => e.Position));
        Assert.Equal(log.Entries(null, 0), restored.Entries(null, 0));
        Assert.Equal(2, restored.Dropped);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void An_unchanged_log_is_not_written_again()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("job.errors.json");
        var log = new BoundedErrorLog();
        var file = new ErrorLogFile(path);
        Reject(log, position: 100);
        file.Save(log);
        File.Delete(path);

        file.Save(log);
        Assert.False(File.Exists(path));

        Reject(log, position: 200);
        file.Save(log);
        Assert.True(File.Exists(path));
    }

    /// <summary>
    /// A resumed job reads the records after its checkpoint again: their entries, which the file
    /// may hold when it was written for a commit that a crash cut short, go; a job's failure stays.
    /// </summary>
    [Fact]
    public void Forgetting_from_a_position_drops_the_records_at_or_after_it()
    {
        var log = new BoundedErrorLog();
        Reject(log, position: 100);
        log.Add("job_failed", "disk full");
        Reject(log, position: 200);
        Reject(log, position: 300);

        log.ForgetFrom(200);

        Assert.Equal(["wrong_value_type@100", "job_failed@0"], log.Entries(null, 0).Select(e => $"{e.Reason}@{e.Position}"));
    }

    [Fact]
    public void Without_a_file_the_log_is_left_as_it_is()
    {
        using var temp = new TempDirectory();
        var log = new BoundedErrorLog();
        Reject(log, position: 100);

        ErrorLogFile.Load(temp.Combine("none.errors.json"), log);

        Assert.Single(log.Entries(null, 0));
    }

    // As the runtime's error log writes a rejected record: its line, then the record.
    private static void Reject(BoundedErrorLog log, long position)
    {
        log.WriteLine($"line {position}: wrong_value_type: the value of point \"Power\" must be a number");
        log.WriteLine($"  {{\"assetId\":\"m{position}\",\"value\":\"high\"}}");
    }
}
