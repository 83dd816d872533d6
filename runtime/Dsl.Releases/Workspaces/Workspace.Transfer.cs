using Dsl.Compiler;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;
using Dsl.Releases.Repository;

namespace Dsl.Releases.Workspaces;

public sealed partial class Workspace
{
    /// <summary>The diagnostics of an import that names no file the export could carry.</summary>
    private static readonly HashSet<string> _unresolvedImportCodes = new(StringComparer.Ordinal)
    {
        DiagnosticDescriptors.EmptyImportPath.Code,
        DiagnosticDescriptors.ImportNotFound.Code,
        DiagnosticDescriptors.ImportUnreadable.Code,
        DiagnosticDescriptors.ImportIsDirectory.Code,
    };

    /// <summary>
    /// <c>dsl export</c>: the job and every file it imports, read as they are on disk. An import
    /// that finds no file is refused: the export would leave it out and not compile where imported.
    /// </summary>
    public ExportBundle Export(string job)
    {
        JobPaths.Validate(job);
        var file = JobFile(job);
        if (!File.Exists(file))
            throw new WorkspaceException($"no job '{job}' ({Relative(file)}).");
        var compilation = Compilation.Create(SourceText.Load(file), FileSystemSourceResolver.Instance);
        var unresolved = compilation.GetDiagnostics().Where(d => _unresolvedImportCodes.Contains(d.Code))
            .Select(d => $"{Relative(Path.GetFullPath(d.Source.Path))}({d.Start}): error {d.Code}: {d.Message}").ToList();
        if (unresolved.Count > 0)
            throw new WorkspaceException($"not exported: {job} imports a file that cannot be loaded, and would not compile without it:\n{string.Join('\n', unresolved)}");
        var files = new List<ExportedFile>();
        foreach (var source in compilation.ImportedTrees.Select(t => t.Source).Prepend(compilation.SyntaxTree.Source))
        {
            var relative = Relative(Path.GetFullPath(source.Path));
            if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
                throw new WorkspaceException($"{Relative(file)} imports {source.Path}, which is outside the workspace.");
            files.Add(new ExportedFile(relative, source.Text));
        }
        return new ExportBundle(ExportBundle.CurrentFormat, job, files);
    }

    /// <summary>
    /// <c>dsl import</c>: writes the files of an export. A file that exists with other content is
    /// skipped unless <paramref name="overwrite"/>. The export must hold its job's file, every path
    /// must be a .stream file under jobs/ or models/, each once however it is spelt, and every file
    /// must be writable. All of that is checked before anything is written, so that a refused import
    /// leaves no job without its imports. What a save checks of the files (a job file named after
    /// another job, say) it checks when they are saved, as for any edit.
    /// </summary>
    public ImportResult Import(ExportBundle bundle, bool overwrite)
    {
        JobPaths.Validate(bundle.Job);
        var targets = new List<(string Path, string Full, string Text)>();
        foreach (var file in bundle.Files)
        {
            var full = Path.GetFullPath(Path.Combine(Root, file.Path.Replace('/', Path.DirectorySeparatorChar)));
            var relative = Relative(full);
            var allowed = (relative.StartsWith(JobPaths.JobsFolder + "/", StringComparison.Ordinal) || relative.StartsWith(JobPaths.ModelsFolder + "/", StringComparison.Ordinal))
                && relative.EndsWith(JobPaths.Extension, StringComparison.Ordinal) && !relative.Contains("../", StringComparison.Ordinal);
            if (!allowed)
                throw new WorkspaceException($"the export names {file.Path}, which is not a .stream file under {JobPaths.JobsFolder}/ or {JobPaths.ModelsFolder}/.");
            if (targets.FindIndex(t => t.Path == relative) is >= 0 and var index)
                throw new WorkspaceException($"the export names {relative} twice (as {bundle.Files[index].Path} and {file.Path}); which to write cannot be told.");
            targets.Add((relative, full, file.Text));
        }
        var jobPath = JobPaths.JobPath(bundle.Job);
        if (!targets.Exists(t => t.Path == jobPath))
            throw new WorkspaceException($"the export is of the job '{bundle.Job}', and holds no {jobPath}.");
        if (targets.Select(t => WriteProblem(t.Full)).OfType<string>().FirstOrDefault() is { } unwritable)
            throw new WorkspaceException($"nothing imported: {unwritable}.");

        var written = new List<string>();
        var unchanged = new List<string>();
        var skipped = new List<string>();
        foreach (var (path, full, text) in targets)
        {
            if (File.Exists(full))
            {
                if (File.ReadAllText(full) == text)
                {
                    unchanged.Add(path);
                    continue;
                }
                if (!overwrite)
                {
                    skipped.Add(path);
                    continue;
                }
            }
            WriteSource(full, text);
            written.Add(path);
        }
        return new ImportResult(bundle.Job, written, unchanged, skipped);
    }
}
