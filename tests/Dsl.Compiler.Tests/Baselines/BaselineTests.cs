using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Planning;
using Dsl.Compiler.Text;
using Dsl.TestUtilities;

namespace Dsl.Compiler.Tests.Baselines;

/// <summary>
/// Bicep-style baselines: every folder under tests/Baselines with a main.stream is compiled,
/// and its outputs are compared with the expected files beside it. Adding a baseline is adding
/// a folder; <c>DSL_UPDATE_BASELINES=1 dotnet test tests/Dsl.Compiler.Tests</c> writes them.
/// Names starting with "Invalid" must report something and have no bound output; the others
/// must compile without errors, and those that are jobs must also emit, with their plan
/// (<c>main.plan.txt</c>) and generated C# (<c>main.g.cs</c>) compared too. Folders with an
/// <c>input.jsonl</c> are also run (<see cref="RunnableBaselineTests"/>).
/// </summary>
public sealed class BaselineTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(RepoPaths.Baselines).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(directory, "main.stream")))
                data.Add(Path.GetFileName(directory));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Baseline_matches_its_expected_files(string name)
    {
        var directory = Path.Combine(RepoPaths.Baselines, name);
        var compilation = Compilation.Create(SourceText.Load(Path.Combine(directory, "main.stream")));
        var diagnostics = compilation.GetDiagnostics();

        // Each file of the folder that takes part gets its own diagnostics file: main.stream and the files it imports.
        foreach (var tree in compilation.ImportedTrees.Prepend(compilation.SyntaxTree))
        {
            if (Path.GetDirectoryName(Path.GetFullPath(tree.Source.Path)) != Path.GetFullPath(directory))
                continue;
            var expected = Path.ChangeExtension(Path.GetFullPath(tree.Source.Path), ".diagnostics.txt");
            var own = diagnostics.Where(d => Path.GetFullPath(d.Source.Path) == Path.GetFullPath(tree.Source.Path));
            GoldenFile.AssertMatches(expected, WithoutRepoRoot(DiagnosticsBaseline.Render(tree.Source, own)));
        }

        if (name.StartsWith("Invalid", StringComparison.Ordinal))
        {
            Assert.NotEmpty(diagnostics);
            Assert.False(File.Exists(Path.Combine(directory, "main.bound.txt")), "Invalid baselines have no bound output.");
        }
        else
        {
            Assert.DoesNotContain(diagnostics, d => d.IsError);
            if (compilation.Job is { } job)
            {
                GoldenFile.AssertMatches(Path.Combine(directory, "main.bound.txt"), BoundTreePrinter.Print(job));
                AssertEmitMatches(directory, compilation);
            }
            else
            {
                Assert.False(File.Exists(Path.Combine(directory, "main.g.cs")), "A model library has nothing to emit.");
            }
        }
    }

    /// <summary>
    /// A job's plan and generated C# are change detectors: <c>main.plan.txt</c> and <c>main.g.cs</c>.
    /// The version (a hash that includes the compiler's own build) is replaced by a placeholder, so
    /// the files change when the generated code does, not whenever the compiler is rebuilt.
    /// </summary>
    private static void AssertEmitMatches(string directory, Compilation compilation)
    {
        var result = compilation.Emit();
        Assert.True(result.Success, "A valid job must emit: " + string.Join(" | ", result.Diagnostics.Where(d => d.IsError)));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code.StartsWith("DSL4", StringComparison.Ordinal));
        if (result.Plan is not { } plan || result.GeneratedSource is not { } source)
            throw new Xunit.Sdk.XunitException("A successful emit has a plan and a generated source.");
        GoldenFile.AssertMatches(Path.Combine(directory, "main.plan.txt"), PlanPrinter.Print(plan));
        GoldenFile.AssertMatches(Path.Combine(directory, "main.g.cs"), WithoutVersion(source, plan.Version));
    }

    public const string VersionPlaceholder = "VERSION";

    /// <summary>The three places the generated code names its version: the header, the namespace and the manifest.</summary>
    public static string WithoutVersion(string source, string version) => source
        .Replace($", version {version}.", $", version {VersionPlaceholder}.", StringComparison.Ordinal)
        .Replace($"namespace Dsl.Jobs.V{version};", $"namespace Dsl.Jobs.V{VersionPlaceholder};", StringComparison.Ordinal)
        .Replace($"Version: \"{version}\",", $"Version: \"{VersionPlaceholder}\",", StringComparison.Ordinal);

    /// <summary>Messages that name a full path (a missing import) would differ between clones.</summary>
    private static string WithoutRepoRoot(string text) => text.Replace(RepoPaths.Root.TrimEnd('/') + "/", "<repo>/", StringComparison.Ordinal);

    /// <summary>Codes whose cause a checked-out file cannot hold, with the test that covers each instead.</summary>
    private static readonly Dictionary<string, string> _notInABaseline = new(StringComparer.Ordinal)
    {
        ["DSL2022"] = "an import of an unreadable file: git keeps no permissions or locks; ImportTests holds the file locked",
    };

    [Fact]
    public void Every_syntax_name_and_rule_diagnostic_has_an_Invalid_baseline()
    {
        var covered = Directory.GetDirectories(RepoPaths.Baselines)
            .Where(d => Path.GetFileName(d).StartsWith("Invalid", StringComparison.Ordinal))
            .SelectMany(d => Directory.GetFiles(d, "*.diagnostics.txt"))
            .SelectMany(File.ReadLines)
            .Where(line => line.StartsWith("//@[", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[2].TrimEnd(':'))
            .ToHashSet(StringComparer.Ordinal);

        var missing = DiagnosticDescriptors.All
            .Select(d => d.Code)
            .Where(code => code[3] is '1' or '2' or '3')
            .Where(code => !covered.Contains(code) && !_notInABaseline.ContainsKey(code))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.True(missing.Length == 0, "No Invalid… baseline reports: " + string.Join(", ", missing));
    }
}
