namespace Dsl.TestUtilities;

/// <summary>Locates the repository from a test's working directory (the folder holding Dsl.sln).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> _root = new(FindRoot);

    public static string Root => _root.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Examples => Combine("examples");

    public static string Baselines => Combine("tests", "Baselines");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dsl.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Dsl.sln not found above " + AppContext.BaseDirectory);
    }
}
