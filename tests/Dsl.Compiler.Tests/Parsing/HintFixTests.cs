using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Tests.Binding;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Tests.Parsing;

/// <summary>
/// The edit a hint's diagnostic carries (<see cref="Diagnostic.Fix"/>): it covers exactly the text
/// the hint was made from, marked <c>[|…|]</c> here, and writes what the hint says.
/// </summary>
public sealed class HintFixTests
{
    [Theory]
    [InlineData("aggregate M window tumbling [|10 min|] { A = avg(P) }", "10m")]
    [InlineData("aggregate M window tumbling [|10 m|] { A = avg(P) }", "10m")]
    [InlineData("merge M on P hold [|1 hour|] { A = P }", "1h")]
    [InlineData("merge M on P hold [|1.5 hours|] { A = P }", "90m")]
    [InlineData("job j\nalarm { on lag > [|0.5 h|] notify \"ops\" }", "30m")]
    [InlineData("job j\nalarm { on lag > [|5 minutes|] notify \"ops\" }", "5m")]
    [InlineData("schedule every [|1 hour|]", "1h")]
    [InlineData("model M { ai P kW range [|0..100|] }", "[0, 100]")]
    [InlineData("model M { ai P kW range [|100..0|] }", "[0, 100]")]
    [InlineData("model M { ai P kW range [|-100..3600|] }", "[-100, 3600]")]
    [InlineData("model M { ai P kW range [[|0x10|], 100] }", "16")]
    [InlineData("aggregate M window [|sliding 10m every 5m|] { A = avg(P) }", "hopping 10m step 5m")]
    [InlineData("aggregate M window [|rolling 1h\n  by 15m|] { A = avg(P) }", "hopping 1h step 15m")]
    [InlineData("energy M from P by meter {\n  daily D\n  [|monthly|] Month\n}", "every 1mo")]
    [InlineData("aggregate M window [|fixed|] 10m { A = avg(P) }", "tumbling")]
    [InlineData("merge M [|trigger|] P { A = P }", "on")]
    [InlineData("[|Model|] M { ai P kW }", "model")]
    [InlineData("aggregate M [|Window|] tumbling 10m { A = avg(P) }", "window")]
    [InlineData("job j\nschedule daily at [|11PM|]\n", "23:00")]
    [InlineData("energy M from P by meter {\n  [|daily: D|]\n}", "daily D")]
    [InlineData("energy M from P by meter {\n  [|Q = every 15m|]\n}", "every 15m Q")]
    [InlineData("energy M from P by meter {\n  [|daily M::D|]\n}", "daily D")]
    [InlineData("energy M from P by meter {\n  [|every 15m M::Q|]\n}", "every 15m Q")]
    [InlineData("aggregate M window session [|gap 30m|] max 8h { A = avg(P) }", "30m")]
    [InlineData("aggregate M window tumbling [|size 10m|] { A = avg(P) }", "10m")]
    [InlineData("aggregate M window hopping 1h [|every|] 15m { A = avg(P) }", "step")]
    [InlineData("aggregate M window [|tumbling 10m step 5m|] { A = avg(P) }", "hopping 10m step 5m")]
    [InlineData("job j\nschedule cron [|0 2 * * *|] // nightly\n", "\"0 2 * * *\"")]
    [InlineData("job j\nschedule [|every day at 02:00|]\n", "daily at 02:00")]
    [InlineData("job j\nalarm {\n  on failed[| or|] errors > 100 per 10m notify \"ops\"\n}", ",")]
    [InlineData("job j\nalarm {\n  on failed notify [|\"ops\" \"oncall\"|]\n}", "\"ops\", \"oncall\"")]
    [InlineData("model M {\n  ai T [|°C|]\n}", "\"°C\"")]
    [InlineData("model M {\n  ai F: double [|m3/h|]\n}", "\"m3/h\"")]
    [InlineData("model M {\r  ai T [|°C|]\r  ai U kW\r}", "\"°C\"")]
    [InlineData("model M { ai P kW\n ai Q kW }\nmerge M on P { Q = P > 0 ? [|10:20|] : 5 }", "10 : 20")]
    [InlineData("model M {\n  ai `Temp 1` [|°C|]\n}", "\"°C\"")]
    [InlineData("energy M from P by meter {\n  [|daily: `Tagesenergie-ä`|]\n}", "daily `Tagesenergie-ä`")]
    [InlineData("energy M from P by meter {\n  [|`Tä` = daily|]\n}", "daily `Tä`")]
    [InlineData("energy M from P by meter {\n  [|every 1h `M`::`W😀`|]\n}", "every 1h `W😀`")]
    [InlineData("job j\nalarm {\n  on failed notify [|\"😀\" \"b\"|]\n}", "\"😀\", \"b\"")]
    public void A_hint_carries_the_edit_of_the_text_it_was_made_from(string markup, string newText)
    {
        var annotated = AnnotatedText.Parse(markup);
        var fix = Assert.Single(SyntaxTree.Parse(annotated.Text, "main.stream").Diagnostics, d => d.Fix != null).Fix!;
        Assert.Equal(new TextReplacement(Assert.Single(annotated.Spans), newText), fix);

        // Made, the edit leaves no syntax error where it wrote.
        var edited = annotated.Text.Remove(fix.Span.Start, fix.Span.Length).Insert(fix.Span.Start, fix.NewText);
        var written = new TextSpan(fix.Span.Start, fix.NewText.Length);
        Assert.DoesNotContain(SyntaxTree.Parse(edited, "main.stream").Diagnostics, d => d.Span.Start <= written.End && written.Start <= d.Span.End);
    }

    /// <summary>An edit over a comment would delete it; a placeholder is not what the user meant.</summary>
    [Theory]
    [InlineData("aggregate M window sliding 10m /* ten */ every 5m { A = avg(P) }")]
    [InlineData("aggregate M window sliding 10m // ten\n  every 5m { A = avg(P) }")]
    [InlineData("aggregate M window tumbling 10 /* ten */ min { A = avg(P) }")]
    [InlineData("aggregate M window rolling 1h { A = avg(P) }")]
    [InlineData("energy M from P by meter {\n  daily D\n  monthly\n}")]
    [InlineData("model M { ai P kW range [0x1FFFFFFFFFFFFFFFFF, 1] }")]
    [InlineData("job j\nalarm {\n  on lag > 5m and errors > 0 per 1m notify \"ops\"\n}")]
    [InlineData("job j\nalarm {\n  on failed notify \"ops\" \"oncall\n}")]
    public void A_hint_without_an_exact_edit_carries_none(string source)
    {
        var diagnostics = SyntaxTree.Parse(source, "main.stream").Diagnostics;
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Null(d.Fix));
    }

    [Fact]
    public void A_point_written_without_an_aggregate_function_carries_the_call_of_the_value()
    {
        const string Source = "job j\nmodel M { ai P kW ai A kW }\naggregate M window tumbling 10m {\n  A = P * 2\n}\n";
        var diagnostic = Assert.Single(TestCompiler.Compile(Source).GetDiagnostics(), d => d.Fix != null);
        var start = Source.IndexOf("P * 2", StringComparison.Ordinal);
        Assert.Equal(new TextReplacement(new TextSpan(start, "P * 2".Length), "avg(P * 2)"), diagnostic.Fix);

        // Made, the edit leaves the job without errors.
        var edited = Source.Remove(start, "P * 2".Length).Insert(start, "avg(P * 2)");
        Assert.DoesNotContain(TestCompiler.Compile(edited).GetDiagnostics(), d => d.IsError);
    }

    [Fact]
    public void A_setting_written_with_a_spaced_duration_carries_the_duration()
    {
        const string Source = "job j\nsettings { lateness 30 minutes }\n";
        var diagnostic = Assert.Single(TestCompiler.Compile(Source).GetDiagnostics(), d => d.Fix != null);
        var start = Source.IndexOf("30", StringComparison.Ordinal);
        Assert.Equal(new TextReplacement(new TextSpan(start, "30 minutes".Length), "30m"), diagnostic.Fix);
    }
}
