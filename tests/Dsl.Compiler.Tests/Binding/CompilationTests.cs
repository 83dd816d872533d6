using Dsl.Compiler.Text;

namespace Dsl.Compiler.Tests.Binding;

public sealed class CompilationTests
{
    [Fact]
    public void Diagnostics_are_computed_once_even_when_many_threads_ask_at_the_same_time()
    {
        var compilation = TestCompiler.Compile("""
            job demo
            model M { ai Power kW ai Out kW }
            merge M on Power { Out = Pwer }
            """);

        var results = Enumerable.Range(0, 16).AsParallel().Select(_ => compilation.GetDiagnostics()).ToArray();

        Assert.All(results, r => Assert.True(r == results[0], "Every call returns the same cached array."));
        Assert.Equal("DSL2003", Assert.Single(results[0]).Code);
        Assert.Same(compilation.GetSemanticModel(), compilation.GetSemanticModel());
    }

    [Fact]
    public void Imports_are_read_from_disk_relative_to_the_importing_file_by_default()
    {
        var directory = Directory.CreateTempSubdirectory("dsl-compilation-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "models"));
            File.WriteAllText(Path.Combine(directory.FullName, "models", "wind.stream"), "model Turbine { ai Power kW ai Avg kW }");
            var jobPath = Path.Combine(directory.FullName, "job.stream");
            File.WriteAllText(jobPath, """
                job demo
                import "models/wind.stream"
                aggregate Turbine window tumbling 10m { Avg = avg(Power) }
                """);

            var compilation = Compilation.Create(SourceText.Load(jobPath));

            Assert.Empty(compilation.GetDiagnostics());
            Assert.Equal(Path.Combine(directory.FullName, "models", "wind.stream"), Assert.Single(compilation.ImportedTrees).Source.Path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_import_of_a_pipe_or_a_device_is_not_read_and_imports_nothing()
    {
        // A pipe blocks a read until something writes to it, and /dev/zero never ends one.
        var directory = Directory.CreateTempSubdirectory("dsl-compilation-");
        try
        {
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(directory.FullName, "pipe.stream")))
            {
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            var jobPath = Path.Combine(directory.FullName, "job.stream");
            File.WriteAllText(jobPath, """
                job demo
                import "pipe.stream"
                import "/dev/zero"
                aggregate Turbine window tumbling 10m { Avg = avg(Power) }
                """);

            var analysis = Task.Run(() => Compilation.Create(SourceText.Load(jobPath)).GetDiagnostics());

            var diagnostics = await analysis.WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal("DSL2001", Assert.Single(diagnostics).Code);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_job_with_errors_still_has_its_bound_job_for_the_editor()
    {
        var compilation = TestCompiler.Compile("""
            job demo
            model M { ai Power kW ai Out kW ai Out2 kW }
            merge M on Power { Out = Pwer }
            merge M on Power { Out2 = Power }
            """);

        Assert.True(compilation.HasErrors);
        Assert.NotNull(compilation.Job);
        Assert.Equal("demo", compilation.Job.Name);
        Assert.Single(compilation.Job.Rules);
    }
}
