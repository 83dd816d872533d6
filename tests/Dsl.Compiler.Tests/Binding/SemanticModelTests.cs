using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Tests.Binding;

public sealed class SemanticModelTests
{
    private const string Library = """
        model WindTurbine {
          ai ActivePower: double kW range [0, 3500]
          ai ReactivePower kvar
          attribute RatedPower: double = 3000 kW
          ai ApparentPower kVA
          ai ActivePowerAvg kW
        }
        """;

    private static (Compilation Compilation, AnnotatedText Text) Compile(string markup)
    {
        var text = AnnotatedText.Parse(markup);
        return (TestCompiler.Compile(text.Text, ("models.stream", Library)), text);
    }

    [Fact]
    public void The_symbol_at_a_reference_is_the_declared_point_of_the_imported_model()
    {
        var (compilation, text) = Compile("""
            job demo
            import "models.stream"
            merge WindTurbine on ActivePower {
              ApparentPower = sqrt(Active$$Power ^ 2 + ReactivePower ^ 2)
            }
            """);
        var model = compilation.GetSemanticModel();

        var symbol = Assert.IsType<PointSymbol>(model.GetSymbolAt(compilation.SyntaxTree.Source, text.Cursor!.Value));
        Assert.Equal("ActivePower", symbol.Name);
        Assert.Equal("WindTurbine", symbol.Model.Name);
        Assert.Equal(PointKind.Analog, symbol.PointKind);
        Assert.Equal(DataType.Double, symbol.Type);
        Assert.Equal("kW", symbol.Unit);
        Assert.Equal(new ValueRange(0, true, 3500, true), symbol.Range);
        Assert.Equal("/virtual/jobs/models.stream", symbol.Source!.Path);
        Assert.Equal("ActivePower", symbol.Source.ToString(symbol.NameSpan));
    }

    [Fact]
    public void The_symbol_at_the_end_of_a_name_is_found_as_where_an_editor_cursor_sits()
    {
        var (compilation, text) = Compile("""
            job demo
            import "models.stream"
            merge WindTurbine on ActivePower {
              ApparentPower = RatedPower$$ * 2
            }
            """);

        var symbol = compilation.GetSemanticModel().GetSymbolAt(compilation.SyntaxTree.Source, text.Cursor!.Value);
        Assert.IsType<AttributeSymbol>(symbol);
        Assert.Equal("RatedPower", symbol.Name);
    }

    [Fact]
    public void Functions_models_and_declarations_are_symbols_too()
    {
        var (compilation, _) = Compile("""
            job demo
            import "models.stream"
            model Local { ai X kW }
            merge WindTurbine on ActivePower {
              ApparentPower = sqrt(ActivePower)
            }
            """);
        var source = compilation.SyntaxTree.Source;
        var model = compilation.GetSemanticModel();

        var function = Assert.IsType<FunctionSymbol>(model.GetSymbolAt(source, source.Text.IndexOf("sqrt", StringComparison.Ordinal)));
        Assert.Equal("sqrt(x) → double", function.Signature);
        Assert.Equal(FunctionCategory.Scalar, function.Category);
        Assert.IsType<ModelSymbol>(model.GetSymbolAt(source, source.Text.IndexOf("WindTurbine", StringComparison.Ordinal)));
        Assert.IsType<JobSymbol>(model.GetSymbolAt(source, source.Text.IndexOf("demo", StringComparison.Ordinal)));
        Assert.IsType<ModelSymbol>(model.GetSymbolAt(source, source.Text.IndexOf("Local", StringComparison.Ordinal)));
        Assert.Null(model.GetSymbolAt(source, source.Text.IndexOf("merge", StringComparison.Ordinal)));
    }

    [Fact]
    public void References_are_found_across_an_import_with_the_definition_first()
    {
        var (compilation, _) = Compile("""
            job demo
            import "models.stream"
            merge WindTurbine on ActivePower {
              ApparentPower = sqrt(WindTurbine::ActivePower ^ 2 + ReactivePower ^ 2)
            }
            aggregate WindTurbine window tumbling 10m {
              ActivePowerAvg = avg(ActivePower) where ActivePower > 0
            }
            """);
        var semantic = compilation.GetSemanticModel();
        var point = compilation.Job!.Models.Single().GetPoint("ActivePower")!;

        var references = semantic.FindReferences(point);

        Assert.Equal(5, references.Length);
        var definition = Assert.Single(references, r => r.IsDefinition);
        Assert.Equal("/virtual/jobs/models.stream", definition.Source.Path);
        Assert.All(references, r => Assert.Equal("ActivePower", r.Source.ToString(r.Span)));
        Assert.Equal(4, references.Count(r => r.Source == compilation.SyntaxTree.Source));

        // Renaming the model must find its qualifier too.
        var modelReferences = semantic.FindReferences(point.Model);
        Assert.Equal(4, modelReferences.Length);
        Assert.All(modelReferences, r => Assert.Equal("WindTurbine", r.Source.ToString(r.Span)));
    }

    [Fact]
    public void A_position_in_an_imported_file_finds_its_symbol()
    {
        var (compilation, _) = Compile("""
            job demo
            import "models.stream"
            aggregate WindTurbine window tumbling 10m {
              ActivePowerAvg = avg(ActivePower)
            }
            """);
        var library = Assert.Single(compilation.ImportedTrees).Source;
        var editorCopy = SourceText.From(library.Text, library.Path);

        var symbol = compilation.GetSemanticModel().GetSymbolAt(editorCopy, library.Text.IndexOf("ReactivePower", StringComparison.Ordinal) + 2);

        Assert.Equal("ReactivePower", Assert.IsType<PointSymbol>(symbol).Name);
    }

    [Fact]
    public void Inside_a_merge_body_the_model_members_and_merge_functions_are_visible()
    {
        var (compilation, text) = Compile("""
            job demo
            import "models.stream"
            merge WindTurbine on ActivePower {
              ApparentPower = $$
            }
            """);
        var semantic = compilation.GetSemanticModel();
        var source = compilation.SyntaxTree.Source;
        var position = text.Cursor!.Value;

        Assert.Equal("WindTurbine", semantic.GetModelInScope(source, position)?.Name);
        var visible = semantic.GetVisibleSymbols(source, position).Select(s => s.Name).ToHashSet();
        Assert.Contains("ActivePower", visible);
        Assert.Contains("RatedPower", visible);
        Assert.Contains("prev", visible);
        Assert.Contains("hour", visible);
        Assert.Contains("sqrt", visible);
        Assert.DoesNotContain("avg", visible);
    }

    [Fact]
    public void Outside_any_rule_the_models_are_visible()
    {
        var (compilation, text) = Compile("""
            job demo
            import "models.stream"
            $$
            """);
        var semantic = compilation.GetSemanticModel();

        Assert.Null(semantic.GetModelInScope(compilation.SyntaxTree.Source, text.Cursor!.Value));
        var visible = semantic.GetVisibleSymbols(compilation.SyntaxTree.Source, text.Cursor.Value);
        Assert.Equal(["WindTurbine"], visible.Select(s => s.Name));
    }

    [Fact]
    public void Expressions_have_their_static_types()
    {
        var (compilation, _) = Compile("""
            job demo
            import "models.stream"
            merge WindTurbine on ActivePower {
              ApparentPower = ActivePower > 0 ? 1 : RatedPower
            }
            """);
        var semantic = compilation.GetSemanticModel();
        var merge = compilation.SyntaxTree.Root.Declarations.OfType<MergeRuleSyntax>().Single();
        var conditional = Assert.IsType<ConditionalExpressionSyntax>(merge.Outputs[0].Value);

        Assert.Equal(DataType.Double, semantic.GetType(conditional));
        Assert.Equal(DataType.Bool, semantic.GetType(conditional.Condition));
        Assert.Equal(DataType.Int, semantic.GetType(conditional.WhenTrue));
    }

    [Fact]
    public void All_declared_symbols_cover_the_job_and_every_file()
    {
        var (compilation, _) = Compile("""
            job demo
            import "models.stream"
            model Local { ai X kW }
            """);

        var names = compilation.GetSemanticModel().AllDeclaredSymbols.Select(s => $"{s.Kind}:{s.Name}");

        Assert.Equal(
            ["Model:WindTurbine", "Point:ActivePower", "Point:ReactivePower", "Attribute:RatedPower", "Point:ApparentPower", "Point:ActivePowerAvg", "Model:Local", "Point:X", "Job:demo"],
            names);
    }
}
