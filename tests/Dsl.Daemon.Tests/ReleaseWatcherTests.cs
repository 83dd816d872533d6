using System.Diagnostics;
using Dsl.Control.V1;
using Dsl.Daemon.Releases;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.Releases.Repository;
using Dsl.TestUtilities;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Tests;

/// <summary>The watcher records each deployed release for the pushes that wait on it.</summary>
public sealed class ReleaseWatcherTests
{
    /// <summary>
    /// A record that cannot be written (a full disk) is written at a later poll, without deploying
    /// the release again, and warned of once rather than at every poll.
    /// </summary>
    [Fact]
    public void A_deployed_release_whose_record_cannot_be_written_is_recorded_at_a_later_poll()
    {
        using var temp = new TempDirectory();
        string repository = temp.Combine("jobs.git");
        Git(temp.Path, "init", "-q", "--bare", repository);
        string work = temp.Combine("work");
        Git(temp.Path, "init", "-q", work);
        File.WriteAllText(Path.Combine(work, "README.md"), "jobs\n");
        Git(work, "add", "-A");
        Git(work, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "first");
        Git(work, "push", "-q", repository, "HEAD:release");

        string data = temp.Combine("data");
        string inTheWay = Path.Combine(data, ServingDaemon.DeployedFileName + ".tmp");
        Directory.CreateDirectory(inTheWay);
        var target = new CountingTarget();
        var log = new RecordingLogger();
        var watcher = new ReleaseWatcher(new Dsl.Daemon.Releases.ReleaseRepository(repository), target, log, data);

        string? head = watcher.Poll();
        watcher.Poll();
        Assert.NotNull(head);
        Assert.Null(ServingDaemon.LastDeployed(data));
        Assert.Single(log.Lines, l => l.Level == LogLevel.Warning);

        Directory.Delete(inTheWay);
        watcher.Poll();
        Assert.Equal(head, ServingDaemon.LastDeployed(data));
        Assert.Equal(1, target.Deployments);
    }

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }

    /// <summary>A release without jobs: each deployment of it retires nothing, and is counted.</summary>
    private sealed class CountingTarget : IReleaseTarget
    {
        public int Deployments { get; private set; }

        public DeployResult Deploy(string jobName, IReadOnlyDictionary<string, string> files, string commit, uint? tagged = null) =>
            throw new InvalidOperationException("the release has no job");

        public DeployResult Check(string jobName, IReadOnlyDictionary<string, string> files, string commit) =>
            throw new InvalidOperationException("the release has no job");

        public JobSummary? Status(string jobName) => null;

        public IReadOnlyList<string> Retire(IReadOnlyCollection<string> released, string commit)
        {
            Deployments++;
            return [];
        }
    }
}
