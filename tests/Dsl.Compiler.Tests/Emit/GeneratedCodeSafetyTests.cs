using Dsl.Compiler.Planning;
using Dsl.Compiler.Tests.Baselines;
using Dsl.TestUtilities;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// User text reaches generated C# only as escaped string literals and mangled identifiers
/// (docs/architecture.md: "no user text ever reaches C# source unescaped"). Names and strings
/// below carry quotes, backslashes, comment markers, C# keywords, Unicode line separators
/// (which end a C# comment line) and attempted statements.
/// </summary>
public sealed class GeneratedCodeSafetyTests
{
    private const string LineSeparator = "\u2028";
    private const string NextLine = "\u0085";
    private const string Attack = "\\\"; System.IO.File.Delete(\\\"x\\\"); //";
    private const string AttackValue = "\"; System.IO.File.Delete(\"x\"); //";

    private const string JobName = "evil \"job\" \\ */" + LineSeparator + "System.IO.File.Delete(\"x\"); //";
    private const string Trigger = "Power \"kW\" \\ */ // x";
    private const string UnicodePoint = "Ünïcödé–名前";
    private const string SeparatorPoint = "line" + LineSeparator + "sep" + NextLine + "System.IO.File.Delete(\"x\");";
    private const string SumPoint = "Out.put-1";
    private const string TextPoint = "void";
    private const string BracePoint = "*/ } } class X {";
    private const string AveragePoint = "avg \"x\" */ namespace";
    private const string MeterPoint = "meter\\\"; //";
    private const string DayPoint = "day \"energy\" { }";
    private const string Asset = "dev \"1\" \\ */";

    private static readonly string Source = $$"""
        job `{{JobName}}` "{{Attack}}"

        settings {
          timezone "Europe/Berlin"
        }

        model `class` {
          ai `{{Trigger}}`: double "k\"W\n*/" range [0, 100]
          ai `{{UnicodePoint}}` "°C\u2028System.IO.File.Delete(\"x\");//"
          ai `{{SeparatorPoint}}`: double
          attribute `namespace`: string = "{{Attack}}"
          attribute `static`: double = 2 "\\\""
          ai `{{SumPoint}}` "\u0022); System.IO.File.Delete(\"x\"); (\""
          generic `{{TextPoint}}`: string
          ai `{{BracePoint}}`
          ai `{{AveragePoint}}`
          pi `{{MeterPoint}}`: double kWh
          pi `{{DayPoint}}` kWh
        }

        merge `class` on `{{Trigger}}` {
          `{{SumPoint}}` = `{{Trigger}}` * `static` + `{{UnicodePoint}}`
          `{{TextPoint}}` = if `namespace` == "{{Attack}}" then "*/ \"\\ \n\t" else `namespace`
          `{{BracePoint}}` = `{{SeparatorPoint}}` - 1
        }

        aggregate `class` window tumbling 10m {
          `{{AveragePoint}}` = avg(`{{Trigger}}`) where `{{Trigger}}` > `static`
        }

        energy `class` from `{{MeterPoint}}` by meter {
          slope [0, `static` * 100]
          daily `{{DayPoint}}`
        }
        """;

    /// <summary>Every string the .stream file gives that generated code must carry, unescaped.</summary>
    private static readonly string[] UserStrings =
    [
        JobName, "class", Trigger, UnicodePoint, SeparatorPoint, SumPoint, TextPoint, BracePoint, AveragePoint, MeterPoint, DayPoint, "kWh",
        "namespace", "static", AttackValue, "*/ \"\\ \n\t",
        "k\"W\n*/", "°C\u2028System.IO.File.Delete(\"x\");//", "\\\"", "\"); System.IO.File.Delete(\"x\"); (\"",
    ];

    [Fact]
    public void Hostile_names_and_strings_compile_and_keep_their_exact_ids_in_the_output()
    {
        string[] input =
        [
            Rec.Line(Asset, "class", UnicodePoint, "2026-01-05T09:59:00Z", 1.5),
            Rec.Line(Asset, "class", SeparatorPoint, "2026-01-05T09:59:00Z", 10.0),
            Rec.Line(Asset, "class", Trigger, "2026-01-05T10:00:00Z", 40.0),
            Rec.Line(Asset, "class", MeterPoint, "2026-01-05T10:00:00Z", 100.0),
            Rec.Line(Asset, "class", MeterPoint, "2026-01-05T10:15:00Z", 110.0),
        ];
        var run = JobRun.Run(Source, input);

        Assert.Equal(0, run.Counters[Dsl.Runtime.Hosting.Counter.Ignored]);
        Assert.Equal(5, run.Outputs.Count);
        Assert.All(run.Outputs, o =>
        {
            Assert.Equal(Asset, o.AssetId);
            Assert.Equal("class", o.ModelId);
            Assert.Equal(JobName, o.Job);
        });
        long t = Rec.Ms("2026-01-05T10:00:00Z");
        Assert.Equal(81.5, run.Value(SumPoint, t));
        Assert.Equal("*/ \"\\ \n\t", run.Single(TextPoint, t).Text);
        Assert.Equal(9, run.Value(BracePoint, t));
        Assert.Equal(40, run.Value(AveragePoint, t));
        Assert.Equal(10, run.Value(DayPoint, Rec.Ms("2026-01-04T23:00:00Z")));
    }

    [Fact]
    public void Hostile_text_reaches_the_generated_CSharp_only_as_literals_and_mangled_identifiers()
    {
        var emitted = JobRun.Emit(Source);
        var plan = emitted.Plan ?? throw new Xunit.Sdk.XunitException("no plan");
        var root = GeneratedCode.Parse(emitted.GeneratedSource ?? "");

        // Exactly the declarations of a job: one namespace, the job class, its instance and one struct per operator.
        var ns = Assert.Single(root.Members.OfType<FileScopedNamespaceDeclarationSyntax>());
        Assert.Single(root.Members);
        Assert.Equal("Dsl.Jobs.V" + plan.Version, ns.Name.ToString());
        var job = Assert.IsType<ClassDeclarationSyntax>(Assert.Single(ns.Members));
        Assert.Equal("Job", job.Identifier.ValueText);
        var constants = job.Members.OfType<FieldDeclarationSyntax>().ToArray();
        Assert.Equal(plan.Points.Length, constants.Length);
        Assert.All(constants, c => Assert.Matches("^P[0-9]+_[A-Za-z0-9_]+$", Assert.Single(c.Declaration.Variables).Identifier.ValueText));
        Assert.Equal(["CreateInstance"], job.Members.OfType<MethodDeclarationSyntax>().Select(m => m.Identifier.ValueText));
        Assert.Equal(["StaticManifest", "Manifest"], job.Members.OfType<PropertyDeclarationSyntax>().Select(p => p.Identifier.ValueText));
        var instance = Assert.Single(job.Members.OfType<ClassDeclarationSyntax>());
        // The job's energy rule reads a meter without split: its in-order readings go to dense heads, which the batch loop does not prefetch.
        Assert.Contains(plan.Operators, o => o.Kind == "energy");
        Assert.Equal(["DispatchAll", "Dispatch"], instance.Members.OfType<MethodDeclarationSyntax>().Select(m => m.Identifier.ValueText));
        var structs = job.Members.OfType<StructDeclarationSyntax>().ToArray();
        var operatorStructs = structs.Where(s => s.Identifier.ValueText.StartsWith("Op_", StringComparison.Ordinal)).ToArray();
        Assert.Equal(plan.Operators.Select(o => o.Kind), operatorStructs.Select(s => s.BaseList?.Types.Single().ToString() switch
        {
            "IMergeOutputs" => "merge",
            "IWindowInputs" => "window",
            "IEnergyParameters" => "energy",
            var other => other ?? "",
        }));

        // A window block with only fixed-size aggregates also gets a head struct, right after its inputs.
        var heads = structs.Except(operatorStructs).ToArray();
        Assert.Equal(plan.Operators.OfType<WindowOperatorPlan>().Count(w => w.HasHead), heads.Length);
        Assert.All(heads, h => Assert.Matches("^Head_[A-Za-z0-9_]+$", h.Identifier.ValueText));
        Assert.All(heads, h => Assert.Equal("IWindowHead", h.BaseList?.Types.Single().ToString()));
        Assert.All(operatorStructs, s => Assert.Matches("^Op_[A-Za-z0-9_]+$", s.Identifier.ValueText));
        Assert.Equal(
            ["Evaluate", "EvaluateAll", "PowerRange", "Scale", "Slope"],
            operatorStructs.SelectMany(s => s.Members.OfType<MethodDeclarationSyntax>()).Select(m => m.Identifier.ValueText).Where(m => !m.StartsWith("Output", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(job.Members.Count, constants.Length + 2 + 1 + 1 + structs.Length);
        Assert.All(root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)), t => Assert.Matches("^[A-Za-z_][A-Za-z0-9_]*$", t.ValueText));

        // No comment other than the header and the slot note; the job name stays inside its comment line.
        var comments = GeneratedCode.Comments(root);
        Assert.Equal(5, comments.Count);
        Assert.Equal($"// Generated by the Stream DSL compiler from job {SymbolDisplay.FormatLiteral(JobName, quote: true)}, version {plan.Version}.", comments[1]);

        // Every user string appears as a literal with its exact value, and nothing else became one.
        var literals = GeneratedCode.StringLiterals(root);
        foreach (var text in UserStrings)
            Assert.Contains(text, literals);
        var allowed = UserStrings
            .Concat([plan.Version, "Europe/Berlin"])
            .Concat(plan.Operators.SelectMany(o => new[] { o.Name, o.Kind, o.Fingerprint }))
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(literals, l => Assert.Contains(l, allowed));

        // And, bound against the whole framework, nothing outside the runtime and plain values is reached.
        Assert.Empty(GeneratedCode.ForeignSymbols(emitted.GeneratedSource ?? ""));
    }

    [Fact]
    public void Names_that_differ_only_in_characters_an_identifier_cannot_hold_stay_distinct()
    {
        const string source = """
            job twins

            model M {
              ai `a-b`
              ai `a.b`
              ai `a b`
              ai a_b
              ai `a_b_x00000000`
              ai `a–b`
              ai Sum
            }

            merge M on `a-b` {
              Sum = `a-b` + 10 * `a.b` + 100 * `a b` + 1000 * a_b + 10000 * `a_b_x00000000` + 100000 * `a–b`
            }
            """;
        string[] names = ["a–b", "a_b_x00000000", "a_b", "a b", "a.b", "a-b"];
        var input = names.Select((n, i) => Rec.Line("d", "M", n, "2026-01-05T10:00:00Z", (double)(i + 1))).ToArray();
        var run = JobRun.Run(source, input);
        // a-b = 6, a.b = 5, a b = 4, a_b = 3, a_b_x00000000 = 2, a–b = 1
        Assert.Equal(6 + 50 + 400 + 3000 + 20000 + 100000, Assert.Single(run.Outputs).Number);
    }

    [Fact]
    public void Names_longer_than_a_CSharp_identifier_may_be_compile_and_stay_distinct()
    {
        // Metadata names are limited to 1,024 bytes; these three share their first 2,000 characters.
        var model = new string('M', 3000);
        var first = new string('P', 2000) + "1";
        var second = new string('P', 2000) + "2";
        var average = new string('P', 2000) + "3";
        var source = $$"""
            job {{new string('j', 3000)}}

            model {{model}} {
              ai {{first}}
              ai {{second}}
              ai {{average}}
              ai Sum
            }

            merge {{model}} on {{first}} {
              Sum = {{first}} + 10 * {{second}}
            }

            aggregate {{model}} window tumbling 10m {
              {{average}} = avg({{first}})
            }
            """;
        var run = JobRun.Run(source,
        [
            Rec.Line("d", model, second, "2026-01-05T10:00:00Z", 2.0),
            Rec.Line("d", model, first, "2026-01-05T10:00:00Z", 1.0),
        ]);
        Assert.Equal(21, run.Value("Sum", Rec.Ms("2026-01-05T10:00:00Z")));
        Assert.Equal(1, run.Value(average, Rec.Ms("2026-01-05T10:00:00Z")));
    }

    public static TheoryData<string> ValidJobs()
    {
        var data = new TheoryData<string>();
        foreach (var file in EmitPipelineTests.ValidBaselineJobs().Concat(EmitPipelineTests.ExampleJobs()).Where(EmitPipelineTests.IsJob))
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidJobs))]
    public void Generated_code_of_every_valid_baseline_and_example_reaches_only_the_runtime_and_plain_values(string file)
    {
        var result = Compilation.Create(Text.SourceText.Load(RepoPaths.Combine(file)), FileSystemSourceResolver.Instance).Emit();
        JobRun.AssertEmitted(result);
        Assert.Empty(GeneratedCode.ForeignSymbols(result.GeneratedSource ?? ""));
    }
}
