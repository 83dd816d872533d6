using System.Text.RegularExpressions;
using Dsl.Compiler;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.Control.V1;

namespace Dsl.Cli.Commands;

/// <summary>
/// A job file sent to <c>Jobs.Preview</c> with the files it imports: the daemon reads no file of
/// the client's and takes relative paths without "..", so each file is named from the folder all
/// of them share, and the daemon's diagnostics are printed with the paths the user knows.
/// </summary>
internal sealed class InlineJobSource
{
    /// <summary>The diagnostics of an import not found here, or naming no file at all (docs/diagnostics.md).</summary>
    private static readonly HashSet<string> _importResolutionCodes = new(StringComparer.Ordinal)
    {
        DiagnosticDescriptors.EmptyImportPath.Code,
        DiagnosticDescriptors.ImportNotFound.Code,
        DiagnosticDescriptors.ImportCycle.Code,
        DiagnosticDescriptors.ImportUnreadable.Code,
        DiagnosticDescriptors.ImportIsDirectory.Code,
    };

    private readonly Dictionary<string, string> _shown;
    private readonly Regex _sentNames;

    private InlineJobSource(InlineSource source, Dictionary<string, string> shown)
    {
        Source = source;
        _shown = shown;
        // Longest first, so that "jobs/a.stream" is not taken for "a.stream" in it.
        var names = shown.Keys.OrderByDescending(n => n.Length).Select(Regex.Escape);
        // A file is named where a diagnostic starts ("a.stream(3,5): …") or quoted whole in a
        // message ("The file \"a.stream\" is a model library").
        string sent = string.Join('|', names);
        _sentNames = new Regex($"(?<=^|: )(?:{sent})(?=\\()|(?<=\")(?:{sent})(?=\")", RegexOptions.CultureInvariant);
    }

    public InlineSource Source { get; }

    /// <summary>
    /// The file and its imports as read and resolved here; null (said on stderr) when the file
    /// cannot be read or its imports cannot be sent.
    /// </summary>
    public static InlineJobSource? Read(string path, string command)
    {
        if (SourceFiles.Load(path, command) is not { } source)
            return null;
        var compilation = Compilation.Create(source, FileSystemSourceResolver.Instance);
        if (!CanSendImports(compilation, command))
            return null;
        var imported = compilation.ImportedTrees.Select(t => t.Source).ToList();
        var main = Path.GetFullPath(path);
        var root = CommonFolder([main, .. imported.Select(i => Path.GetFullPath(i.Path))]);
        string Sent(string file) => Path.GetRelativePath(root, Path.GetFullPath(file)).Replace('\\', '/');

        var inline = new InlineSource { File = Sent(main), Text = source.Text };
        var shown = new Dictionary<string, string>(StringComparer.Ordinal) { [inline.File] = path };
        foreach (var file in imported)
        {
            var sent = Sent(file.Path);
            inline.Imports.Add(new ImportedSource { File = sent, Text = file.Text });
            // As dsl check names it: from the importing file as given (jobs/../models/m.stream).
            shown[sent] = file.Path;
        }
        return new InlineJobSource(inline, shown);
    }

    /// <summary>
    /// Whether every import was found here and can be sent. Only this side reads the user's files,
    /// so an import that is empty, missing, unreadable, a folder or part of a cycle is said here, with the
    /// paths <c>dsl check</c> names; the daemon would name them by the tree it was sent. An absolute
    /// import cannot be sent at all: the daemon resolves imports among the files sent, relative to
    /// the importing file, as it does for a release, which refuses such an import too.
    /// </summary>
    private static bool CanSendImports(Compilation compilation, string command)
    {
        var unresolved = compilation.GetDiagnostics().Where(d => _importResolutionCodes.Contains(d.Code)).ToList();
        foreach (var diagnostic in unresolved)
            Console.Error.WriteLine(diagnostic.ToString());
        var absolute = compilation.ImportedTrees.Prepend(compilation.SyntaxTree)
            .SelectMany(tree => tree.Root.Declarations.OfType<ImportDeclarationSyntax>().Select(import => (tree.Source, import.Path)))
            .Where(import => Path.IsPathRooted(import.Path.Value))
            .ToList();
        foreach (var (file, written) in absolute)
        {
            Console.Error.WriteLine(
                $"dsl {command}: {file.Path}({file.GetLinePosition(written.Span.Start)}): the import \"{written.Value}\" is an absolute path, "
                + "which the daemon cannot resolve (a release refuses it too); import it by its path relative to the importing file.");
        }
        return unresolved.Count == 0 && absolute.Count == 0;
    }

    /// <summary>A line of the daemon's with each file it names (a diagnostic's start, a quoted name) as the user would name it.</summary>
    public string AsGiven(string text) => _sentNames.Replace(text, m => _shown[m.Value]);

    private static string CommonFolder(IReadOnlyList<string> files)
    {
        var common = Path.GetDirectoryName(files[0]) ?? Path.GetPathRoot(files[0]) ?? "/";
        foreach (var file in files.Skip(1))
        {
            while (IsOutside(Path.GetRelativePath(common, file)) && Path.GetDirectoryName(common) is { } parent)
                common = parent;
        }
        return common;
    }

    /// <summary>Whether a relative path climbs out of its folder: "../x", not "..x.stream".</summary>
    private static bool IsOutside(string relative) =>
        relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relative.StartsWith(".." + Path.AltDirectorySeparatorChar, StringComparison.Ordinal);
}
