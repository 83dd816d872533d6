namespace Dsl.Cli.Tests;

/// <summary>A temporary folder for one test's files; deleted when disposed.</summary>
public sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Directory = Path.Combine(Path.GetTempPath(), "dsl-cli-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path) ?? Directory);
        File.WriteAllText(path, text);
        return path;
    }

    public string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public bool Exists(string name) => File.Exists(Path.Combine(Directory, name));

    /// <summary>Every file under the folder, relative, sorted.</summary>
    public string[] Files() =>
        [.. System.IO.Directory.GetFiles(Directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Directory, f)).Order(StringComparer.Ordinal)];

    public CliResult Dsl(params string[] args)
    {
        DslCli.WarmChainedJob();
        return DslCli.Run(Directory, args);
    }

    public CliResult DslWithInput(string standardInput, params string[] args)
    {
        DslCli.WarmChainedJob();
        return DslCli.Run(Directory, args, standardInput);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
