using Dsl.Releases.Git;
using Dsl.Releases.Repository;
using Dsl.Releases.Workspaces;

namespace Dsl.Releases.Tests;

/// <summary>A daemon repository with hooks that run the built dsl, and a workspace whose remote it is.</summary>
internal sealed class Sandbox : IDisposable
{
    public Sandbox()
    {
        Root = Directory.CreateTempSubdirectory("dsl-releases-").FullName;
        Repository = Path.Combine(Root, "data", "jobs.git");
        ReleaseRepository.EnsureCreated(Repository, HookCommand.ForDll(Path.Combine(AppContext.BaseDirectory, "dsl.dll")));
        Workspace = NewWorkspace("ws");
    }

    public string Root { get; }

    public string Repository { get; }

    public Workspace Workspace { get; }

    public Workspace NewWorkspace(string name) => Workspace.Init(Path.Combine(Root, name), Repository);

    /// <summary>A second workspace cloned from the release branch (for racing pushes).</summary>
    public Workspace Clone(string name)
    {
        var path = Path.Combine(Root, name);
        GitRunner.Check(Root, ["clone", "--quiet", "--branch", JobPaths.ReleaseBranch, Repository, path]);
        return Workspace.Find(path);
    }

    public static void Write(Workspace workspace, string job, string text) => File.WriteAllText(workspace.JobFile(job), text);

    public static void WriteModel(Workspace workspace, string name, string text) =>
        File.WriteAllText(Path.Combine(workspace.Root, JobPaths.ModelsFolder, name + JobPaths.Extension), text);

    public static void Save(Workspace workspace, string message)
    {
        var saved = workspace.Save(message);
        Assert.False(saved.HasErrors, string.Join('\n', saved.Diagnostics));
    }

    /// <summary>Commits without the save check, so the daemon's validation is what is tested.</summary>
    public static void CommitUnchecked(Workspace workspace, string message)
    {
        GitRunner.Check(workspace.Root, ["add", "--all"]);
        GitRunner.Check(workspace.Root, ["commit", "--quiet", "-m", message]);
    }

    public static GitResult Push(Workspace workspace, string remote, string? user = null, params string[] options)
    {
        var arguments = new List<string> { "push" };
        foreach (var option in options)
            arguments.AddRange(["-o", option]);
        arguments.AddRange([remote, "HEAD:release"]);
        return GitRunner.Run(workspace.Root, arguments, environment: user is null ? null : new Dictionary<string, string?> { ["DSL_USER"] = user });
    }

    public GitResult Push(params string[] options) => Push(Workspace, Repository, null, options);

    public string? ReleaseCommit() => ReleaseRepository.ReleaseCommit(Repository);

    public IReadOnlyList<string> Tags() =>
        GitRunner.Check(Repository, ["tag", "--list"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A hook still exiting may hold a file for a moment; the temp folder is cleaned later.
        }
        catch (UnauthorizedAccessException)
        {
            // Git makes pack files read-only; nothing depends on their removal.
        }
    }
}
