namespace Dsl.Compiler.Tests.Binding;

public sealed class ImportTests
{
    private const string Library = """
        model Turbine {
          ai Power kW
          ai Avg kW
        }
        """;

    [Fact]
    public void Imported_models_are_in_scope_relative_to_the_importing_file()
    {
        var compilation = TestCompiler.Compile("""
            job demo
            import "../models/wind.stream"
            aggregate Turbine window tumbling 10m {
              Avg = avg(Power)
            }
            """,
            ("../models/wind.stream", Library));

        Assert.Empty(compilation.GetDiagnostics());
        var tree = Assert.Single(compilation.ImportedTrees);
        Assert.Equal("/virtual/models/wind.stream", tree.Source.Path);
        var model = Assert.Single(compilation.Job!.Models);
        Assert.Same(tree.Source, model.DeclaringFile);
    }

    [Fact]
    public void Imports_are_transitive_and_each_file_is_loaded_once()
    {
        var compilation = TestCompiler.Compile("""
            job demo
            import "a.stream"
            import "b.stream"
            aggregate Turbine window tumbling 10m {
              Avg = avg(Power)
            }
            """,
            ("a.stream", "import \"lib/c.stream\""),
            ("b.stream", "import \"lib/c.stream\""),
            ("lib/c.stream", Library));

        Assert.Empty(compilation.GetDiagnostics());
        Assert.Equal(3, compilation.ImportedTrees.Count);
    }

    [Fact]
    public void A_missing_import_is_reported_with_the_path_it_looked_at()
    {
        DiagnosticAssert.Reports("""
            job demo
            import [|"models/missing.stream"|]
            """,
            """
            error DSL2012: The imported file "models/missing.stream" was not found at "/virtual/jobs/models/missing.stream". Import paths are relative to the importing file; correct the path.
            """);
    }

    [Fact]
    public void The_rules_on_a_model_of_a_missing_import_are_not_each_an_unknown_model()
    {
        // The model is in the file that is missing; a model misspelt close to a known one is still one.
        DiagnosticAssert.Reports("""
            job demo
            import [|"models/missing.stream"|]
            model Meter {
              ai Power kW
              ai Avg kW
            }
            aggregate WindTurbine window tumbling 10m {
              Avg10m = avg(ActivePower)
            }
            merge WindTurbine on ActivePower {
              Apparent = ActivePower * 2
            }
            aggregate [|Metr|] window tumbling 10m {
              Avg = avg(Power)
            }
            """,
            """
            error DSL2012: The imported file "models/missing.stream" was not found at "/virtual/jobs/models/missing.stream". Import paths are relative to the importing file; correct the path.
            error DSL2001: The model "Metr" is not declared. Did you mean "Meter"?
            """);
    }

    [Fact]
    public void An_empty_import_path_is_reported_as_empty_not_as_a_missing_file()
    {
        DiagnosticAssert.Reports("""
            job demo
            import [|""|]
            import [|"  "|]
            """,
            """
            error DSL2021: The import path is empty. Write the path of a model library between the quotes, relative to the importing file, e.g. import "models.stream".
            error DSL2021: The import path is empty. Write the path of a model library between the quotes, relative to the importing file, e.g. import "models.stream".
            """);
    }

    [Fact]
    public void An_import_of_a_file_that_cannot_be_read_says_so_not_that_it_is_missing()
    {
        var directory = Directory.CreateTempSubdirectory("dsl-import-");
        try
        {
            var library = Path.Combine(directory.FullName, "models.stream");
            File.WriteAllText(library, Library);
            var main = Path.Combine(directory.FullName, "main.stream");

            // Held open exclusively by another program (a lock that holds for root too).
            Diagnostics.Diagnostic diagnostic;
            using (new FileStream(library, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                diagnostic = Assert.Single(Compilation.Create(Text.SourceText.From("job demo\nimport \"models.stream\"\n", main)).GetDiagnostics());
            }

            // The system's words, without the path .NET puts in them: the diagnostic names it already.
            Assert.Equal(
                $"error DSL2022: The imported file \"models.stream\" at \"{library}\" cannot be read: The process cannot access the file because it is being used by another process",
                TestCompiler.Describe(diagnostic));
            Assert.Empty(Compilation.Create(Text.SourceText.From("job demo\nimport \"models.stream\"\n", main)).GetDiagnostics().Where(d => d.IsError));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_import_of_a_directory_says_it_is_a_directory()
    {
        var directory = Directory.CreateTempSubdirectory("dsl-import-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "models"));
            var main = Path.Combine(directory.FullName, "main.stream");
            var compilation = Compilation.Create(Text.SourceText.From("job demo\nimport \"models\"\n", main));

            var diagnostic = Assert.Single(compilation.GetDiagnostics());
            Assert.Equal(
                $"error DSL2020: The imported path \"models\" is the directory \"{Path.Combine(directory.FullName, "models")}\", not a file. An import names one model library; import each file of the directory you need by its name.",
                TestCompiler.Describe(diagnostic));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_import_cycle_is_reported_at_the_import_that_closes_it()
    {
        var compilation = TestCompiler.Compile("""
            job demo
            import "a.stream"
            """,
            ("a.stream", "import \"b.stream\"\nmodel A { ai X kW }"),
            ("b.stream", "import \"a.stream\"\nmodel B { ai Y kW }"));

        var diagnostic = Assert.Single(compilation.GetDiagnostics(), d => d.IsError);
        Assert.Equal("DSL2013", diagnostic.Code);
        Assert.Equal("/virtual/jobs/b.stream", diagnostic.Source.Path);
        Assert.Equal("The import of \"a.stream\" closes a cycle: a.stream → b.stream → a.stream. Remove one of these imports.", diagnostic.Message);
    }

    [Fact]
    public void A_chain_of_imports_longer_than_the_stack_is_deep_loads_every_file()
    {
        // Each file imports the next; loading them one inside the other would need a stack frame
        // per file, more than the small stack below holds.
        const int length = 5000;
        var files = Enumerable.Range(0, length)
            .Select(i => ($"f{i}.stream", (i + 1 < length ? $"import \"f{i + 1}.stream\"\n" : "") + $"model M{i} {{ ai P kW }}"))
            .ToArray();
        Compilation? compilation = null;
        var thread = new Thread(() =>
        {
            compilation = TestCompiler.Compile("job chain\nimport \"f0.stream\"", files);
            compilation.GetDiagnostics();
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Empty(compilation!.GetDiagnostics());
        Assert.Equal(length, compilation.ImportedTrees.Count);
        Assert.Equal("/virtual/jobs/f4999.stream", compilation.ImportedTrees[^1].Source.Path);
    }

    [Fact]
    public void A_job_file_cannot_be_imported_but_its_models_keep_the_rules_quiet()
    {
        DiagnosticAssert.Reports("""
            job demo
            import [|"other.stream"|]
            aggregate Turbine window tumbling 10m {
              Avg = avg(Power)
            }
            """,
            """
            error DSL2014: The file "other.stream" is a job; only model libraries (files without a job line) can be imported. Move the models it declares into a library and import that.
            """,
            ("other.stream", "job other\n" + Library));
    }

    [Fact]
    public void A_refused_job_import_declares_no_model_so_the_importers_own_model_of_that_name_stands()
    {
        DiagnosticAssert.Reports("""
            job demo
            import [|"other.stream"|]
            settings { timezone "UTC" }
            model Turbine {
              pi Reading kWh
              pi DayEnergy kWh
            }
            energy Turbine from Reading by meter { slope [0, 100]  daily DayEnergy }
            """,
            """
            error DSL2014: The file "other.stream" is a job; only model libraries (files without a job line) can be imported. Move the models it declares into a library and import that.
            """,
            ("other.stream", "job other\n" + Library));
    }

    [Fact]
    public void A_model_declared_again_in_the_job_is_reported_in_the_job()
    {
        DiagnosticAssert.Reports("""
            job demo
            import "lib.stream"
            model [|Turbine|] {
              ai Power kW
            }
            """,
            """
            error DSL2002: The model "Turbine" is already declared at lib.stream(1,7). Rename or remove one of them.
            """,
            ("lib.stream", Library));
    }

    [Fact]
    public void A_rule_on_a_library_model_declared_again_is_checked_against_the_library()
    {
        DiagnosticAssert.Reports("""
            job demo
            import "lib.stream"
            model [|Turbine|] {
              ai Power kW
            }
            aggregate Turbine window tumbling 10m {
              Avg = avg([|Pwr|])
            }
            """,
            """
            error DSL2002: The model "Turbine" is already declared at lib.stream(1,7). Rename or remove one of them.
            error DSL2003: The point "Pwr" is not declared in model "Turbine". Did you mean "Power"?
            """,
            ("lib.stream", Library));
    }

    [Fact]
    public void Diagnostics_of_imported_files_are_reported_too_sorted_by_file()
    {
        var compilation = TestCompiler.Compile("""
            job demo
            import "lib.stream"
            model Local { ai X kW }
            """,
            ("lib.stream", "model Turbine {\n  ai Power kW\n  ai Power kW\n}\n"));

        Assert.Equal(
            [
                "/virtual/jobs/lib.stream(3,6): error DSL2005: The name \"Power\" is already declared in model \"Turbine\" at line 2. Points and attributes of a model need distinct names; rename one of them.",
                "/virtual/jobs/main.stream(3,7): warning DSL2019: The model \"Local\" is not used by any rule of the job. Use it in a rule, or move it to a model library.",
            ],
            compilation.GetDiagnostics().Select(d => d.ToString()));
    }
}
