using Dsl.LanguageServer.Handlers.SignatureHelp;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class SignatureHelpTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private SignatureHelp? Help(string marked)
    {
        var (uri, cursor) = _workspace.Open("main.stream", marked);
        return new SignatureHelpHandler(_workspace.Workspace).Handle(new SignatureHelpParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None);
    }

    [Fact]
    public void The_second_argument_is_active_after_a_comma()
    {
        var help = Help(Samples.Job.Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "round(ActivePower, |", StringComparison.Ordinal));
        Assert.NotNull(help);
        var signature = Assert.Single(help.Signatures);
        Assert.StartsWith("round(x, digits?)", signature.Label);
        Assert.Equal(1, help.ActiveParameter);
        Assert.Equal("digits?", signature.Parameters[1].Label);
    }

    [Fact]
    public void Nested_calls_show_the_innermost_function()
    {
        var help = Help(Samples.Job.Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "sqrt(abs(|", StringComparison.Ordinal));
        Assert.StartsWith("abs(", help?.Signatures[0].Label);
    }

    [Theory]
    [InlineData("round(if (|", "round(", 0)]
    [InlineData("round(ActivePower, if ActivePower > 0 then (|", "round(", 1)]
    [InlineData("max(ActivePower, if ActivePower in (0, |", "max(", 1)]
    public void A_parenthesis_after_a_keyword_is_no_call_and_the_call_around_it_is_shown(string marked, string function, int active)
    {
        var help = Help(Samples.Job.Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", marked, StringComparison.Ordinal));
        Assert.NotNull(help);
        Assert.StartsWith(function, help.Signatures[0].Label);
        Assert.Equal(active, help.ActiveParameter);
    }

    [Fact]
    public void The_function_of_an_aggregate_output_shows_the_aggregate_signature()
    {
        var help = Help(Samples.Job.Replace("avg(ActivePower)", "min(|)", StringComparison.Ordinal));
        Assert.StartsWith("min(x)", help?.Signatures[0].Label);
        var merge = Help(Samples.Job.Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "min(|)", StringComparison.Ordinal));
        Assert.StartsWith("min(a, b", merge?.Signatures[0].Label);
    }

    [Theory]
    [InlineData("min(ActivePower, |", 1, "b")]
    [InlineData("min(ActivePower, 1, |", 2, "…")]
    [InlineData("coalesce(ActivePower, 1, 2, 3, |", 2, "…")]
    public void The_arguments_after_the_second_of_a_function_taking_any_number_highlight_the_ellipsis(string marked, int active, string label)
    {
        var help = Help(Samples.Job.Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", marked, StringComparison.Ordinal));
        Assert.NotNull(help);
        var signature = Assert.Single(help.Signatures);
        Assert.Equal(active, help.ActiveParameter);
        Assert.Equal(label, signature.Parameters[active].Label);
    }

    [Fact]
    public void Outside_a_call_or_inside_an_interval_there_is_no_help()
    {
        Assert.Null(Help(Samples.WithCursor(Samples.Job, "ReactivePower kvar")));
        Assert.Null(Help(Samples.WithCursor(Samples.Job, "3500)\n}")));
    }

    [Fact]
    public void Parameter_labels_come_from_the_signature()
    {
        Assert.Equal(["x", "digits?"], SignatureHelpHandler.ParameterLabels("round(x, digits?) → double"));
        Assert.Equal(["a", "b", "…"], SignatureHelpHandler.ParameterLabels("min(a, b, …) → widest type"));
        Assert.Empty(SignatureHelpHandler.ParameterLabels("hour() → int"));
    }
}
