namespace Dsl.Cli.Commands;

/// <summary>Opens the streams a command names, where "-" means stdin or stdout.</summary>
public static class InputFiles
{
    public const string Standard = "-";

    public static Stream OpenInput(string path) =>
        path == Standard ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    public static Stream OpenOutput(string? path) =>
        path is null or Standard ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);

    /// <summary>The first file of the list that does not exist ("-" always does).</summary>
    public static string? FirstMissing(params string?[] paths) =>
        paths.FirstOrDefault(p => p is not null && p != Standard && !File.Exists(p));
}
