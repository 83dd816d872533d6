using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Tests.Parsing;

public sealed class DeclarationParsingTests
{
    [Fact]
    public void Job_line_has_a_name_and_an_optional_description()
    {
        var tree = SyntaxAssert.Clean("""job turbine_kpis "Ten-minute statistics" """);
        var job = SyntaxAssert.Single<JobDeclarationSyntax>(tree);
        Assert.Equal("turbine_kpis", job.Name.Text);
        Assert.Equal("Ten-minute statistics", job.Description?.Value);

        var bare = SyntaxAssert.Single<JobDeclarationSyntax>(SyntaxAssert.Clean("job nightly"));
        Assert.Null(bare.Description);
    }

    [Fact]
    public void Import_takes_a_path_string()
    {
        var import = SyntaxAssert.Single<ImportDeclarationSyntax>(SyntaxAssert.Clean("""import "../models/wind.stream" """));
        Assert.Equal("../models/wind.stream", import.Path.Value);
    }

    [Fact]
    public void Settings_values_are_names_strings_numbers_durations_and_booleans()
    {
        var tree = SyntaxAssert.Clean("""
            settings {
              channel  realtime
              timezone "Europe/Berlin"
              lateness 5m
              idle     15m
              workers  4
              offset   -2.5
              verbose  true
            }
            """);
        var settings = SyntaxAssert.Single<SettingsDeclarationSyntax>(tree).Settings;
        Assert.Equal(["channel", "timezone", "lateness", "idle", "workers", "offset", "verbose"], settings.Select(s => s.Key.Text));
        Assert.Equal("realtime", Assert.IsType<NameExpressionSyntax>(settings[0].Value).Name.Text);
        Assert.Equal("Europe/Berlin", Assert.IsType<StringLiteralSyntax>(settings[1].Value).Value);
        var lateness = Assert.IsType<DurationSyntax>(settings[2].Value);
        Assert.Equal((5L, DurationUnit.Minutes), (lateness.Amount, lateness.Unit));
        Assert.Equal(4, Assert.IsType<NumberLiteralSyntax>(settings[4].Value).Value);
        Assert.Equal(-2.5, Assert.IsType<NumberLiteralSyntax>(settings[5].Value).Value);
        Assert.True(Assert.IsType<BooleanLiteralSyntax>(settings[6].Value).Value);
    }

    [Fact]
    public void Point_declares_kind_name_type_unit_and_range()
    {
        var tree = SyntaxAssert.Clean("""
            model WindTurbine {
              ai ActivePower: double kW range [0, 3500]
            }
            """);
        var model = SyntaxAssert.Single<ModelDeclarationSyntax>(tree);
        Assert.Equal("WindTurbine", model.Name.Text);
        var point = Assert.IsType<PointDeclarationSyntax>(Assert.Single(model.Members));
        Assert.Equal("ai", point.Kind.Text);
        Assert.Equal("ActivePower", point.Name.Text);
        Assert.Equal("double", point.Type?.Name.Text);
        Assert.Equal(("kW", false), (point.Unit?.Text, point.Unit?.IsQuoted ?? true));
        Assert.Equal("[0, 3500]", ExpressionPrinter.Print(point.Range!));
    }

    [Fact]
    public void Type_unit_and_range_are_optional()
    {
        var tree = SyntaxAssert.Clean("""
            model M {
              ai Bare
              di Status: int
              pi Counter kWh
              generic Note: string
              ai Speed "m/s"
              ai Temperature "°C" range (-inf, 50]
            }
            """);
        var points = SyntaxAssert.Single<ModelDeclarationSyntax>(tree).Members.Cast<PointDeclarationSyntax>().ToArray();
        Assert.Equal(["ai", "di", "pi", "generic", "ai", "ai"], points.Select(p => p.Kind.Text));
        Assert.Equal([null, "int", null, "string", null, null], points.Select(p => p.Type?.Name.Text));
        Assert.Equal([null, null, "kWh", null, "m/s", "°C"], points.Select(p => p.Unit?.Text));
        Assert.Equal([false, false, false, false, true, true], points.Select(p => p.Unit?.IsQuoted ?? false));
        Assert.Equal("(-inf, 50]", ExpressionPrinter.Print(points[5].Range!));
    }

    [Fact]
    public void A_name_starting_the_next_line_is_the_next_member_not_a_unit()
    {
        // Without the line rule, `pi` would be read as the unit of Status.
        var tree = SyntaxAssert.Clean("""
            model M {
              di Status: int
              pi EnergyMeter kWh
              ai Power
              ao Typo kW
            }
            """);
        var points = SyntaxAssert.Single<ModelDeclarationSyntax>(tree).Members.Cast<PointDeclarationSyntax>().ToArray();
        Assert.Equal(["Status", "EnergyMeter", "Power", "Typo"], points.Select(p => p.Name.Text));
        Assert.Null(points[0].Unit);
        Assert.Null(points[2].Unit);
        // An unknown kind parses; the binder says "did you mean ai?".
        Assert.Equal("ao", points[3].Kind.Text);
    }

    [Fact]
    public void A_unit_alone_on_the_next_line_still_belongs_to_its_point()
    {
        var point = SyntaxAssert.Single<PointDeclarationSyntax>(SyntaxAssert.Clean("model M {\n  ai Power\n     kW\n}"));
        Assert.Equal("kW", point.Unit?.Text);
    }

    [Fact]
    public void A_unit_alone_on_its_line_before_the_next_point_still_belongs_to_its_point()
    {
        // `kW ai` could be read as a point "ai" of kind kW, but `ai Q` starts a member.
        var model = SyntaxAssert.Single<ModelDeclarationSyntax>(SyntaxAssert.Clean("""
            model M {
              ai P: double
                kW
              ai Q: double kW
              attribute R: double
                kW
              pi E
                kWh
              pi ai MWh
            }
            """));
        Assert.Equal(["P", "Q", "R", "E", "ai"], model.Members.Select(m => m.Name.Text));
        Assert.Equal(["kW", "kW", "kW", "kWh", "MWh"], model.Members.Select(m => m switch
        {
            PointDeclarationSyntax point => point.Unit?.Text,
            AttributeDeclarationSyntax attribute => attribute.Unit?.Text,
            _ => null,
        }));
    }

    [Fact]
    public void Members_can_share_a_line_when_each_has_a_unit()
    {
        var model = SyntaxAssert.Single<ModelDeclarationSyntax>(SyntaxAssert.Clean("model M { ai A kW ai B kvar attribute C = 1 }"));
        Assert.Equal(["A", "B", "C"], model.Members.Select(m => m.Name.Text));
    }

    [Fact]
    public void Members_share_a_line_without_units_too_since_no_unit_is_a_point_kind()
    {
        var model = SyntaxAssert.Single<ModelDeclarationSyntax>(SyntaxAssert.Clean("model M { ai A: double ai B pi C kWh di D generic E: string }"));
        var points = model.Members.Cast<PointDeclarationSyntax>().ToArray();
        Assert.Equal(["A", "B", "C", "D", "E"], points.Select(p => p.Name.Text));
        Assert.Equal(["ai", "ai", "pi", "di", "generic"], points.Select(p => p.Kind.Text));
        Assert.Equal([null, null, "kWh", null, null], points.Select(p => p.Unit?.Text));
    }

    [Fact]
    public void Attribute_has_an_optional_type_default_and_unit()
    {
        var tree = SyntaxAssert.Clean("""
            model WindTurbine {
              attribute RatedPower: double = 3000 kW
              attribute MeterScale = 1
              attribute Site: string
              attribute Offset = -0.5 "°C"
            }
            """);
        var attributes = SyntaxAssert.Single<ModelDeclarationSyntax>(tree).Members.Cast<AttributeDeclarationSyntax>().ToArray();
        Assert.Equal(["RatedPower", "MeterScale", "Site", "Offset"], attributes.Select(a => a.Name.Text));
        Assert.Equal("double", attributes[0].Type?.Name.Text);
        Assert.Equal("3000", ExpressionPrinter.Print(attributes[0].Default!));
        Assert.Equal("kW", attributes[0].Unit?.Text);
        Assert.Equal("1", ExpressionPrinter.Print(attributes[1].Default!));
        Assert.Null(attributes[1].Unit);
        Assert.Null(attributes[2].Default);
        Assert.Equal("-0.5", ExpressionPrinter.Print(attributes[3].Default!));
        Assert.Equal("°C", attributes[3].Unit?.Text);
    }

    [Fact]
    public void Backtick_names_keep_their_characters_and_are_marked_quoted()
    {
        var point = SyntaxAssert.Single<PointDeclarationSyntax>(SyntaxAssert.Clean("model M { pi `Meter.Total-kWh` kWh }"));
        Assert.Equal("Meter.Total-kWh", point.Name.Text);
        Assert.True(point.Name.IsQuoted);
    }

    [Fact]
    public void Soft_keywords_are_names_where_a_name_is_expected()
    {
        var tree = SyntaxAssert.Clean("""
            model every {
              ai range kW
              ai max kW
              ai daily kW
              attribute on = 1
            }
            merge every on range {
              max = max(range, on) + daily
            }
            """);
        var members = SyntaxAssert.Single<ModelDeclarationSyntax>(tree).Members;
        Assert.Equal(["range", "max", "daily", "on"], members.Select(m => m.Name.Text));
        var output = SyntaxAssert.Single<MergeOutputSyntax>(tree);
        Assert.Equal("max", output.Target.Text);
        Assert.Equal("(+ max(range, on) daily)", ExpressionPrinter.Print(output.Value));
    }

    [Fact]
    public void A_file_without_a_job_line_is_a_model_library()
    {
        var tree = SyntaxAssert.Clean(SyntaxSamples.ModelLibrary);
        Assert.Collection(tree.Root.Declarations,
            d => Assert.IsType<ImportDeclarationSyntax>(d),
            d => Assert.IsType<ModelDeclarationSyntax>(d));
    }

    [Fact]
    public void Declarations_need_no_separators()
    {
        var tree = SyntaxAssert.Clean("""job a "b" import "c" model M { ai P kW } schedule once""");
        Assert.Equal(4, tree.Root.Declarations.Length);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Windows_and_old_Mac_line_ends_parse_like_newlines(string lineEnd)
    {
        var text = SyntaxSamples.FullJob.Replace("\r\n", "\n").Replace("\n", lineEnd);
        var tree = SyntaxAssert.Clean(text);
        var expected = SyntaxAssert.Clean(SyntaxSamples.FullJob.Replace("\r\n", "\n"));
        Assert.Equal(expected.Root.Declarations.Length, tree.Root.Declarations.Length);
        var status = tree.Root.DescendantsAndSelf().OfType<PointDeclarationSyntax>().Single(p => p.Name.Text == "Status");
        Assert.Null(status.Unit);

        var broken = SyntaxTree.Parse($"model M {{{lineEnd}  ai A:{lineEnd}  di B: int{lineEnd}}}");
        var error = Assert.Single(broken.Diagnostics);
        Assert.Equal((1, 7), (error.Start.Line, error.Start.Character));
    }

    [Fact]
    public void Empty_and_comment_only_files_have_no_declarations()
    {
        Assert.Empty(SyntaxAssert.Clean("").Root.Declarations);
        Assert.Empty(SyntaxAssert.Clean("  // nothing here\n/* at all */\n").Root.Declarations);
    }
}
