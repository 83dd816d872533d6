namespace Dsl.Releases.Workspaces;

public sealed partial class Workspace
{
    /// <summary>
    /// Why a job or model file cannot be written at <paramref name="full"/>, as a line naming it
    /// from the workspace's root, else null: a folder stands where the file belongs, or a file where
    /// one of its folders does. .NET would say "permission denied" of the first and "The file …
    /// already exists" of the second, of the whole path made absolute.
    /// </summary>
    private string? WriteProblem(string full)
    {
        if (Directory.Exists(full))
            return $"{Relative(full)}: it is a folder, not a file";
        for (var folder = Path.GetDirectoryName(full); !string.IsNullOrEmpty(folder) && folder.Length > Root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
                return $"{Relative(full)}: {Relative(folder)} is a file, not a folder";
        }
        return null;
    }

    /// <summary>Writes a job or model file, making its folders; <see cref="WorkspaceException"/> naming it when it cannot be.</summary>
    private void WriteSource(string full, string text)
    {
        if (WriteProblem(full) is { } problem)
            throw new WorkspaceException(problem);
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? Root);
        File.WriteAllText(full, text);
    }
}
