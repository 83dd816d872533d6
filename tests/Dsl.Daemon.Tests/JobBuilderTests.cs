using System.Runtime.Loader;
using Dsl.Daemon.Releases;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>How the daemon loads job code: for good what runs, unloadable what is only checked or previewed.</summary>
public sealed class JobBuilderTests
{
    private static readonly Dictionary<string, string> _files = new(StringComparer.Ordinal) { ["jobs/doubler.stream"] = TestJobs.Doubler() };

    [Fact]
    public void AnUnchangedJobDeployedAgainGetsTheCodeAlreadyLoaded()
    {
        using var temp = new TempDirectory();
        var builder = new JobBuilder(temp.Combine("cache"));

        CompiledVersion first = Built(builder.Build("jobs/doubler.stream", _files, "c1", unloadable: false));
        CompiledVersion again = Built(builder.Build("jobs/doubler.stream", _files, "c2", unloadable: false));

        Assert.Same(first.Loaded, again.Loaded);
        Assert.False(ContextOf(first).IsCollectible);
    }

    [Fact]
    public void AChangedJobIsLoadedAnew()
    {
        using var temp = new TempDirectory();
        var builder = new JobBuilder(temp.Combine("cache"));
        var changed = new Dictionary<string, string>(StringComparer.Ordinal) { ["jobs/doubler.stream"] = TestJobs.Doubler().Replace("doubles power", "doubles the power", StringComparison.Ordinal) };

        CompiledVersion first = Built(builder.Build("jobs/doubler.stream", _files, "c1", unloadable: false));
        CompiledVersion second = Built(builder.Build("jobs/doubler.stream", changed, "c2", unloadable: false));

        Assert.NotSame(first.Loaded, second.Loaded);
        Assert.NotEqual(first.Manifest.Version, second.Manifest.Version);
    }

    [Fact]
    public void AJobOnlyCheckedIsLoadedUnloadableEveryTime()
    {
        using var temp = new TempDirectory();
        var builder = new JobBuilder(temp.Combine("cache"));

        CompiledVersion first = Built(builder.Build("jobs/doubler.stream", _files, "c1", unloadable: true));
        CompiledVersion again = Built(builder.Build("jobs/doubler.stream", _files, "c1", unloadable: true));

        Assert.NotSame(first.Loaded, again.Loaded);
        Assert.True(ContextOf(first).IsCollectible);
        first.Loaded.Dispose();
        again.Loaded.Dispose();
    }

    [Fact]
    public void AJobFileNamedAfterAnotherJobIsNotBuilt()
    {
        using var temp = new TempDirectory();
        var builder = new JobBuilder(temp.Combine("cache"));
        var copied = new Dictionary<string, string>(StringComparer.Ordinal) { ["jobs/other.stream"] = TestJobs.Doubler() };

        BuildResult result = builder.Build("jobs/other.stream", copied, "c1", unloadable: true);

        Assert.Null(result.Job);
        Assert.Equal("jobs/other.stream declares job 'doubler'; a job file must be named after its job.", result.Message);
    }

    [Theory]
    [InlineData("../models/lib")]
    [InlineData("..")]
    public void AnImportOfAFolderOfTheSourcesSaysItIsAFolder(string folder)
    {
        using var temp = new TempDirectory();
        var builder = new JobBuilder(temp.Combine("cache"));
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["jobs/doubler.stream"] = TestJobs.Doubler().Replace("model Meter", $"import \"{folder}\"\n\nmodel Meter", StringComparison.Ordinal),
            ["models/lib/meters.stream"] = "model Other {\n  ai Power kW\n}\n",
        };

        BuildResult result = builder.Build("jobs/doubler.stream", files, "c1", unloadable: true);

        Assert.Null(result.Job);
        Assert.Equal("DSL2020", Assert.Single(result.Diagnostics, d => d.Severity == Dsl.Control.V1.Severity.Error).Code);
    }

    private static CompiledVersion Built(BuildResult result) => result.Job ?? throw new InvalidOperationException(result.Message);

    private static AssemblyLoadContext ContextOf(CompiledVersion version) =>
        AssemblyLoadContext.GetLoadContext(version.Job.GetType().Assembly) ?? throw new InvalidOperationException("no load context");
}
