using System.Diagnostics;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>A git workspace of jobs, released to a daemon with the real git client.</summary>
internal sealed class Workspace
{
    private readonly string _path;

    public Workspace(string path)
    {
        _path = path;
        Directory.CreateDirectory(path);
        Git("init", "-q", ".");
    }

    public void Write(string relative, string text)
    {
        string file = Path.Combine(_path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file) ?? _path);
        File.WriteAllText(file, text);
    }

    public void Delete(string relative) => File.Delete(Path.Combine(_path, relative));

    public string Root => _path;

    /// <summary>Commits everything and pushes it to the daemon's <c>release</c> branch.</summary>
    public void Release(string dataDirectory, string message = "release")
    {
        Commit(message);
        Git("push", "-q", Path.Combine(dataDirectory, "jobs.git"), "HEAD:release");
    }

    public void Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "--allow-empty", "-m", message);
    }

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _path, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
    }
}
