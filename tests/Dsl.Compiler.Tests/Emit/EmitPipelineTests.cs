using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Dsl.Compiler.Tests.Baselines;
using Dsl.Compiler.Tests.Binding;
using Dsl.Compiler.Text;
using Dsl.Runtime.Hosting;
using Dsl.TestUtilities;

namespace Dsl.Compiler.Tests.Emit;

/// <summary><see cref="Compilation.Emit"/> as a whole: when it runs, what it caches, and that loaded jobs unload.</summary>
public sealed class EmitPipelineTests
{
    private const string SmallJob = """
        job small

        model M {
          ai A: double
          ai Twice
        }

        merge M on A {
          Twice = 2 * A
        }
        """;

    /// <summary>Every main.stream of a Valid… or Run… baseline (model libraries included).</summary>
    public static IEnumerable<string> ValidBaselineJobs() =>
        Directory.GetDirectories(RepoPaths.Baselines)
            .Where(d => Path.GetFileName(d) is var n && (n.StartsWith("Valid", StringComparison.Ordinal) || n.StartsWith("Run", StringComparison.Ordinal)))
            .Select(d => Path.Combine(d, "main.stream"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal);

    /// <summary>Every .stream file of the examples that is a job (not a model library).</summary>
    public static IEnumerable<string> ExampleJobs() =>
        Directory.GetFiles(RepoPaths.Examples, "*.stream", SearchOption.AllDirectories)
            .Where(IsJob)
            .Order(StringComparer.Ordinal);

    public static bool IsJob(string file) => Compilation.Create(SourceText.Load(file), FileSystemSourceResolver.Instance).Job is not null;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in ValidBaselineJobs().Concat(Directory.GetFiles(RepoPaths.Examples, "*.stream", SearchOption.AllDirectories).Order(StringComparer.Ordinal)))
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_valid_baseline_and_example_emits_without_DSL4xxx_errors(string file)
    {
        var compilation = Compilation.Create(SourceText.Load(RepoPaths.Combine(file)), FileSystemSourceResolver.Instance);
        var result = compilation.Emit();
        if (compilation.Job is null)
        {
            // A model library: nothing to build, said once.
            Assert.Equal(["DSL4003"], result.Diagnostics.Where(d => d.Code.StartsWith("DSL4", StringComparison.Ordinal)).Select(d => d.Code));
            return;
        }
        JobRun.AssertEmitted(result);
        Assert.NotNull(result.Plan);
        Assert.Equal(compilation.Job.Name, result.Plan.Name);
    }

    [Fact]
    public void A_model_library_reports_DSL4003_and_builds_nothing()
    {
        var result = TestCompiler.Compile("""
            model M {
              ai A: double
            }
            """).Emit();

        Assert.False(result.Success);
        Assert.Null(result.Plan);
        Assert.Null(result.GeneratedSource);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code.StartsWith("DSL4", StringComparison.Ordinal));
        Assert.Equal("DSL4003", diagnostic.Code);
        Assert.True(diagnostic.IsError);
        Assert.Contains(TestCompiler.MainPath, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_with_errors_is_not_emitted_and_gets_no_DSL4xxx_diagnostic()
    {
        var result = TestCompiler.Compile(SmallJob.Replace("2 * A", "2 * Nope", StringComparison.Ordinal)).Emit();

        Assert.False(result.Success);
        Assert.Null(result.GeneratedSource);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Code.StartsWith("DSL2", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code.StartsWith("DSL4", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_emit_of_the_same_source_comes_from_the_cache_and_a_changed_source_does_not()
    {
        // A comment unique to this run, so no other test can have compiled this source before.
        var source = SmallJob + $"\n// {Guid.NewGuid():N}\n";
        var first = TestCompiler.Compile(source).Emit();
        var second = TestCompiler.Compile(source).Emit();
        var changed = TestCompiler.Compile(source + "// changed\n").Emit();

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Assembly, second.Assembly);
        Assert.Equal(first.Plan?.Version, second.Plan?.Version);
        Assert.False(changed.FromCache);
        Assert.NotEqual(first.Plan?.Version, changed.Plan?.Version);
        Assert.NotEqual(first.Assembly, changed.Assembly);
    }

    [Fact]
    public void An_emit_with_a_cache_directory_stores_the_assembly_there()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dsl-cache-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = TestCompiler.Compile(SmallJob + $"\n// {Guid.NewGuid():N}\n").Emit(new Dsl.Compiler.Emit.EmitOptions(directory));
            var file = Assert.Single(Directory.GetFiles(directory));
            // Named by the job's version and the runtime build the image was compiled against.
            var runtime = typeof(Dsl.Runtime.AssemblyMarker).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
            Assert.Equal($"small-{result.Plan?.Version}-{runtime}.dll", Path.GetFileName(file));
            Assert.Equal(result.Assembly, File.ReadAllBytes(file));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A quoted job name may hold any character: its cache entry stays a file of the cache's own folder.</summary>
    [Fact]
    public void A_job_named_like_a_path_is_cached_in_the_cache_folder()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dsl-cache-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var source = SmallJob.Replace("job small", "job `../a/b`", StringComparison.Ordinal) + $"\n// {Guid.NewGuid():N}\n";
            var result = TestCompiler.Compile(source).Emit(new Dsl.Compiler.Emit.EmitOptions(directory));

            Assert.NotNull(result.Assembly);
            var file = Assert.Single(Directory.GetFiles(directory, "*", SearchOption.AllDirectories));
            Assert.Equal(directory, Path.GetDirectoryName(file));
            Assert.StartsWith($"___a_b-{result.Plan?.Version}-", Path.GetFileName(file), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_disk_cache_keeps_each_jobs_most_recently_used_images()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dsl-cache-test-" + Guid.NewGuid().ToString("N"));
        var options = new Dsl.Compiler.Emit.EmitOptions(directory);
        string Unique(string source) => source + $"\n// {Guid.NewGuid():N}\n";
        string File(Dsl.Compiler.Emit.EmitResult result) => Assert.Single(Directory.GetFiles(directory, $"small-{result.Plan?.Version}-*.dll"));
        try
        {
            // Another job's image, which no number of versions of this one may push out.
            var other = TestCompiler.Compile(Unique(SmallJob.Replace("job small", "job smaller", StringComparison.Ordinal))).Emit(options);
            var sources = Enumerable.Range(0, 10).Select(_ => Unique(SmallJob)).ToArray();
            var files = new List<string>();
            var hourAgo = DateTime.UtcNow.AddHours(-1);
            for (var i = 0; i < sources.Length; i++)
            {
                files.Add(File(TestCompiler.Compile(sources[i]).Emit(options)));
                // As if used a minute after the one before (file times can be coarser than a compile).
                System.IO.File.SetLastWriteTimeUtc(files[i], hourAgo.AddMinutes(i));
            }

            Assert.Equal(Dsl.Compiler.Emit.AssemblyCache.ImagesPerJob, Directory.GetFiles(directory, "small-*.dll").Length);
            Assert.All(files.Take(2), f => Assert.False(System.IO.File.Exists(f)));
            Assert.All(files.Skip(2), f => Assert.True(System.IO.File.Exists(f)));

            // Using the oldest image left makes it the most recent: the next new version pushes out the one after it.
            Assert.True(TestCompiler.Compile(sources[2]).Emit(options).FromCache);
            TestCompiler.Compile(Unique(SmallJob)).Emit(options);
            Assert.True(System.IO.File.Exists(files[2]));
            Assert.False(System.IO.File.Exists(files[3]));
            Assert.Equal(Dsl.Compiler.Emit.AssemblyCache.ImagesPerJob, Directory.GetFiles(directory, "small-*.dll").Length);
            Assert.Single(Directory.GetFiles(directory, $"smaller-{other.Plan?.Version}-*.dll"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Two_versions_of_a_job_can_be_loaded_side_by_side()
    {
        var one = JobRun.Run(SmallJob, [Rec.Line("d", "M", "A", "2026-01-05T10:00:00Z", 4.0)]);
        var other = JobRun.Run(SmallJob.Replace("2 * A", "3 * A", StringComparison.Ordinal), [Rec.Line("d", "M", "A", "2026-01-05T10:00:00Z", 4.0)]);
        Assert.Equal(8, Assert.Single(one.Outputs).Number);
        Assert.Equal(12, Assert.Single(other.Outputs).Number);
        Assert.NotEqual(one.Outputs[0].Version, other.Outputs[0].Version);
    }

    [Fact]
    public void An_unloadable_job_unloads_once_disposed_and_unreferenced()
    {
        var image = JobRun.Emit(SmallJob.Replace("job small", "job unloadable", StringComparison.Ordinal)).Assembly ?? [];
        var context = LoadRunAndDispose(image);
        for (var i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(context.IsAlive, "The job's load context is still alive after Dispose and 20 collections.");
    }

    [Fact]
    public void A_job_loaded_for_the_process_is_not_collectible_so_the_runtime_tiers_its_code()
    {
        var image = JobRun.Emit(SmallJob.Replace("job small", "job resident", StringComparison.Ordinal)).Assembly ?? [];
        using var loaded = LoadedJob.Load(image, "resident");
        var context = AssemblyLoadContext.GetLoadContext(loaded.Job.GetType().Assembly);
        Assert.NotNull(context);
        Assert.False(context.IsCollectible);
    }

    // Out of line so that no reference to the job's types stays on the test's stack.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadRunAndDispose(byte[] image)
    {
        using var loaded = LoadedJob.Load(image, "unload-test", unloadable: true);
        var context = AssemblyLoadContext.GetLoadContext(loaded.Job.GetType().Assembly);
        Assert.NotNull(context);
        Assert.True(context.IsCollectible);
        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Rec.Line("d", "M", "A", "2026-01-05T10:00:00Z", 1.0) + "\n"));
        using var output = new MemoryStream();
        var counters = JobRunner.Run(loaded.Job, input, output);
        Assert.Equal(1, counters[Counter.Outputs]);
        return new WeakReference(context);
    }

    [Fact]
    public void A_cache_entry_is_trusted_only_when_it_is_a_whole_job_assembly()
    {
        var image = JobRun.Emit(SmallJob).Assembly ?? [];

        Assert.True(Dsl.Compiler.Emit.AssemblyCache.IsJobAssembly(image));
        Assert.False(Dsl.Compiler.Emit.AssemblyCache.IsJobAssembly(image[..(image.Length / 2)]));
        Assert.False(Dsl.Compiler.Emit.AssemblyCache.IsJobAssembly(image[..200]));
        Assert.False(Dsl.Compiler.Emit.AssemblyCache.IsJobAssembly([]));
        Assert.False(Dsl.Compiler.Emit.AssemblyCache.IsJobAssembly(System.Text.Encoding.UTF8.GetBytes("not an assembly")));
        Assert.False(Dsl.Compiler.Emit.AssemblyCache.IsJobAssembly(File.ReadAllBytes(typeof(EmitPipelineTests).Assembly.Location)));
    }
}
