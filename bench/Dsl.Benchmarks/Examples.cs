using Dsl.Benchmarks.Rules;
using Dsl.Compiler.Text;
using Dsl.Runtime.Hosting;

namespace Dsl.Benchmarks;

/// <summary>The repository's example jobs (examples/&lt;scenario&gt;/&lt;job&gt;.stream).</summary>
public static class Examples
{
    public static IReadOnlyList<string> Jobs { get; } =
        ["wind-farm/turbine_kpis", "solar-inverters/inverter_energy", "revenue-metering/revenue_metering"];

    public static string PathOf(string job) => Path.Combine(RepoRoot(), "examples", job + ".stream");

    public static LoadedJob Load(string scenario, string job)
    {
        SourceText source = SourceText.Load(PathOf(scenario + "/" + job));
        return RuleFixture.Compile(source.Text, job, source.Path);
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dsl.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.GetEnvironmentVariable("DSL_REPO") ?? throw new InvalidOperationException("Run from inside the repository, or set DSL_REPO.");
    }
}
