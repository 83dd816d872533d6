using Dsl.LanguageServer.Handlers.Hover;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class HoverTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string? Hover(string marked)
    {
        var (uri, cursor) = _workspace.Open("main.stream", marked);
        return new HoverHandler(_workspace.Workspace).Handle(new TextDocumentPositionParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None)?.Contents.Value;
    }

    [Fact]
    public void A_point_shows_its_kind_type_unit_and_range()
    {
        var text = Hover(Samples.WithCursor(Samples.Job, "ActivePower) where", after: false));
        Assert.NotNull(text);
        Assert.Contains("ai ActivePower: double kW range [0, 3500]", text);
        Assert.Contains("WindTurbine", text);
        Assert.Contains("unit", text);
    }

    [Fact]
    public void An_attribute_shows_its_default()
    {
        var text = Hover(Samples.WithCursor(Samples.Job, "RatedPower * 1.2"));
        Assert.Contains("attribute RatedPower: double = 3000 kW", text);
    }

    [Fact]
    public void A_function_shows_its_signature_and_doc()
    {
        var text = Hover(Samples.WithCursor(Samples.Job, "qrt(Active"));
        Assert.Contains("sqrt(x)", text);
        Assert.Contains("square root", text);
    }

    [Fact]
    public void A_keyword_shows_what_it_means()
    {
        var text = Hover(Samples.WithCursor(Samples.Job, "umbling 10m"));
        Assert.Contains("tumbling", text);
        Assert.Contains("non-overlapping", text);
    }

    [Fact]
    public void A_model_name_in_a_rule_shows_the_model()
    {
        var text = Hover(Samples.WithCursor(Samples.Job, "WindTurbine on", after: false));
        Assert.Contains("model WindTurbine", text);
    }

    [Fact]
    public void Whitespace_and_comments_have_no_hover()
    {
        Assert.Null(Hover("// a comment |here\n" + Samples.Job));
        Assert.Null(Hover(Samples.Job + "\n\n   |  \n"));
    }

    [Fact]
    public void A_duration_says_what_it_is()
    {
        var text = Hover(Samples.WithCursor(Samples.Job, "0m {\n  ActivePowerAvg10m"));
        Assert.Contains("10 minutes", text);
    }

    [Theory]
    [InlineData("merge M on P hold 5m|in { Peak = P }")]
    [InlineData("merge M every 1.|5h { Peak = P }")]
    public void A_malformed_duration_is_not_described_as_a_length(string rule) =>
        // The compiler rejects both (DSL1007): there is no "5 mins" or "1 .5hs".
        Assert.Null(Hover("job demo\nsettings { timezone \"UTC\" }\nmodel M { ai P kW ai Peak kW }\n" + rule));

    [Theory]
    [InlineData("aggregate M window tumbling 1|d { Peak = max(P) }", "1 day", "A period on the calendar: one local day")]
    [InlineData("merge M every 1|w { Peak = P }", "1 week", "one local week, starting on Monday")]
    [InlineData("aggregate M window tumbling 1h lateness 1|d { Peak = max(P) }", "1 day", "A fixed length here: 24 hours.")]
    [InlineData("merge M on P hold 2|w { Peak = P }", "2 weeks", "A fixed length here: 336 hours.")]
    [InlineData("aggregate M window tumbling 1d emit early every 1|d { Peak = max(P) }", "1 day", "A fixed length here: 24 hours.")]
    [InlineData("aggregate M window tumbling 1|5m { Peak = max(P) }", "15 minutes", "")]
    [InlineData("aggregate M window hopping 2|d step 1h { Peak = max(P) }", "2 days", "A hopping window's size and step are fixed lengths written in hours or shorter units (`48h`): days and weeks are refused here")]
    [InlineData("aggregate M window hopping 48h step 1|w { Peak = max(P) }", "1 week", "A hopping window's size and step are fixed lengths written in hours or shorter units (`48h`): days and weeks are refused here")]
    public void A_day_or_a_week_is_a_calendar_period_only_where_the_language_makes_it_one(string rule, string amount, string meaning)
    {
        var text = Hover("job demo\nsettings { timezone \"UTC\" }\nmodel M { ai P kW ai Peak kW }\n" + rule) ?? "";

        Assert.Contains($"**duration**: {amount}\n", text + "\n");
        Assert.Contains(meaning, text);
        Assert.Equal(meaning.Length == 0, !text.Contains("calendar", StringComparison.Ordinal) && !text.Contains("fixed length", StringComparison.Ordinal));
    }

    /// <summary>A job named in backticks is shown as it is written, as a model is.</summary>
    [Fact]
    public void A_job_whose_name_needs_backticks_shows_them()
    {
        var text = Hover("job `wind-|farm` \"Turbine KPIs\"\nsettings { timezone \"UTC\" }\nmodel M { ai P kW ai Peak kW }\nmerge M on P { Peak = P }\n");
        Assert.StartsWith("```stream\njob `wind-farm`\n```\nTurbine KPIs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_qualified_point_shows_the_point()
    {
        var text = Hover(Samples.Job.Replace("sqrt(ActivePower ^ 2", "sqrt(WindTurbine::Acti|vePower ^ 2", StringComparison.Ordinal));
        Assert.Contains("ai ActivePower: double kW", text);
    }
}
