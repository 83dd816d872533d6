using Dsl.Compiler.Formatting;
using Dsl.Compiler.Syntax;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Formatting;

public sealed class FormatterTests
{
    private const string Messy = """
        // Turbine statistics
        job   turbine_kpis    "Ten-minute statistics"
        settings { timezone "Europe/Berlin"   lateness 5m  // late data allowed
        }



        model WindTurbine {
            ai ActivePower : double kW range [ 0 , 3500 ]
          /* reactive part */ ai ReactivePower kvar
          attribute RatedPower:double=3000 kW
          ai ActivePowerAvg10m kW
            ai ApparentPower kVA }
        aggregate WindTurbine window tumbling 10m { ActivePowerAvg10m=avg( ActivePower ) where ActivePower in [0,3500) }
        merge WindTurbine on ActivePower hold 10m {
        ApparentPower = sqrt(ActivePower^2+ReactivePower ^ 2) // vector sum
        }
        """;

    private const string Canonical = """
        // Turbine statistics
        job turbine_kpis "Ten-minute statistics"
        settings {
          timezone "Europe/Berlin"
          lateness 5m // late data allowed
        }

        model WindTurbine {
          ai ActivePower: double kW range [0, 3500]
          /* reactive part */
          ai ReactivePower kvar
          attribute RatedPower: double = 3000 kW
          ai ActivePowerAvg10m kW
          ai ApparentPower kVA
        }
        aggregate WindTurbine window tumbling 10m {
          ActivePowerAvg10m = avg(ActivePower) where ActivePower in [0, 3500)
        }
        merge WindTurbine on ActivePower hold 10m {
          ApparentPower = sqrt(ActivePower ^ 2 + ReactivePower ^ 2) // vector sum
        }

        """;

    [Fact]
    public void A_messy_file_gets_the_canonical_layout()
    {
        Assert.Equal(Canonical, Formatter.Format(Messy));
    }

    [Fact]
    public void Formatting_is_idempotent()
    {
        foreach (var text in new[] { Messy, Canonical, Samples.Job, Samples.Library, Samples.JobUsingLibrary })
        {
            var once = Formatter.Format(text);
            Assert.Equal(once, Formatter.Format(once));
        }
    }

    [Fact]
    public void Every_comment_is_preserved()
    {
        var formatted = Formatter.Format(Messy);
        foreach (var comment in new[] { "// Turbine statistics", "// late data allowed", "/* reactive part */", "// vector sum" })
            Assert.Contains(comment, formatted);
    }

    [Fact]
    public void The_canonical_sample_is_unchanged()
    {
        Assert.Equal(Samples.Job, Formatter.Format(Samples.Job));
    }

    [Fact]
    public void A_file_with_syntax_errors_is_returned_unchanged()
    {
        const string broken = "model WindTurbine {\n   ai ActivePower:\n aggregate  WindTurbine window {";
        Assert.Equal(broken, Formatter.Format(broken));
    }

    [Fact]
    public void Expressions_get_single_spaces_around_binary_operators_and_none_after_unary_ones()
    {
        const string text = "job j\nmodel M {\n  ai A\n  ai B\n  di S\n}\nmerge M on A {\n  B = -A*2+abs( - A )  > 3 && !(S==1) ? 1:-2.5\n}\n";
        var formatted = Formatter.Format(text);
        Assert.Contains("B = -A * 2 + abs(-A) > 3 && !(S == 1) ? 1 : -2.5", formatted);
    }

    /// <summary>
    /// A minus right against a number is part of it, and picks its type (language guide, section 2):
    /// `- 2147483648` negates the long 2147483648, `-2147483648` is the int, and `I * -2147483648`
    /// wraps in int arithmetic where `I * - 2147483648` does not. So the space stays.
    /// </summary>
    [Fact]
    public void A_minus_written_apart_from_a_number_stays_apart()
    {
        const string text = "job j\nmodel M {\n  ai I: int\n  ai O: long\n}\nmerge M on I {\n  O = I * - 2147483648 + -1 + -  I\n}\n";
        var formatted = Formatter.Format(text);

        Assert.Contains("O = I * - 2147483648 + -1 + -I", formatted);
        Assert.Equal(formatted, Formatter.Format(formatted));
    }

    [Fact]
    public void Qualified_names_intervals_and_backtick_names_stay_tight()
    {
        const string text = "job j\nmodel M {\n  ai `A.b-c` kW range ( -inf , 50 ]\n  ai B\n}\nmerge M on M :: `A.b-c` {\n  B = M::`A.b-c`\n}\n";
        var formatted = Formatter.Format(text);
        Assert.Contains("ai `A.b-c` kW range (-inf, 50]", formatted);
        Assert.Contains("merge M on M::`A.b-c` {", formatted);
        Assert.Contains("B = M::`A.b-c`", formatted);
    }

    [Fact]
    public void Consecutive_outputs_align_their_equals_and_consecutive_trailing_comments_align()
    {
        const string text = """
            job j
            settings {
              lateness 30m // gateways re-send
              idle 20m // silent meters
            }
            model M {
              ai P kW
              ai Avg kW
              ai Maximum kW
              ai N: long
            }
            aggregate M window tumbling 10m {
              Avg = avg(P) // mean
              Maximum = max(P)

              N = count(P) fill 0
            }

            """;
        const string expected = """
            job j
            settings {
              lateness 30m // gateways re-send
              idle 20m     // silent meters
            }
            model M {
              ai P kW
              ai Avg kW
              ai Maximum kW
              ai N: long
            }
            aggregate M window tumbling 10m {
              Avg     = avg(P) // mean
              Maximum = max(P)

              N = count(P) fill 0
            }

            """;
        var formatted = Formatter.Format(text);
        Assert.Equal(expected, formatted);
        Assert.Equal(formatted, Formatter.Format(formatted));
    }

    [Fact]
    public void A_brace_after_comments_that_end_a_header_goes_up_to_the_header_line()
    {
        var text = """
            job demo
            model M { ai P kW ai Avg kW ai Max kW }
            aggregate M window tumbling 10m // ten-minute statistics
            {
              Avg = avg(P)
            }
            aggregate M window tumbling 1h // hourly
            // peaks
            {
              Max = max(P)
            }
            """;
        var expected = """
            job demo
            model M {
              ai P kW
              ai Avg kW
              ai Max kW
            }
            aggregate M window tumbling 10m { // ten-minute statistics
              Avg = avg(P)
            }
            aggregate M window tumbling 1h { // hourly
              // peaks
              Max = max(P)
            }

            """;
        var formatted = Formatter.Format(text);
        Assert.Equal(expected, formatted);
        Assert.Equal(formatted, Formatter.Format(formatted));
    }

    [Fact]
    public void A_brace_after_a_comment_on_a_line_of_its_own_goes_up_to_the_header_line()
    {
        var text = """
            job demo
            model M { ai P kW ai Avg kW ai Max kW }
            aggregate M window tumbling 10m
            // ten-minute statistics
            {
              Avg = avg(P)
            }
            aggregate M window tumbling 1h
            /* hourly peaks */
            {
              Max = max(P)
            }
            """;
        var expected = """
            job demo
            model M {
              ai P kW
              ai Avg kW
              ai Max kW
            }
            aggregate M window tumbling 10m {
              // ten-minute statistics
              Avg = avg(P)
            }
            aggregate M window tumbling 1h {
              /* hourly peaks */
              Max = max(P)
            }

            """;
        var formatted = Formatter.Format(text);
        Assert.Equal(expected, formatted);
        Assert.Equal(formatted, Formatter.Format(formatted));
    }

    [Fact]
    public void A_brace_on_the_line_of_a_block_comment_after_the_header_stays_there()
    {
        const string text = "job demo\nmodel M /* turbines */ {\n  ai P kW\n}\n";
        Assert.Equal(text, Formatter.Format(text));
    }

    [Fact]
    public void A_formatted_file_with_crlf_line_endings_stays_as_it_is_inside_block_comments_too()
    {
        const string text = "job j\r\n/* first\r\n   second */\r\nmodel M {\r\n  ai A // a\r\n}\r\n";
        Assert.Equal(text, Formatter.Format(text));
    }

    [Fact]
    public void A_file_with_crlf_line_endings_is_formatted_with_crlf_line_endings()
    {
        const string text = "job   j\r\nmodel M {\r\n      ai A // a\r\n\r\n\r\n  ai B\r\n}\r\nmerge M on A {   B = A   * 2 }";
        Assert.Equal("job j\r\nmodel M {\r\n  ai A // a\r\n\r\n  ai B\r\n}\r\nmerge M on A {\r\n  B = A * 2\r\n}\r\n", Formatter.Format(text));
    }

    [Fact]
    public void A_file_with_mixed_line_endings_gets_those_of_its_first_line()
    {
        const string crlfFirst = "job j\r\nmodel M {\n  ai A /* one\n  two */\r\n}\n";
        const string lfFirst = "job j\nmodel M {\r\n  ai A /* one\r\n  two */\n}\r\n";
        Assert.Equal("job j\r\nmodel M {\r\n  ai A /* one\r\n  two */\r\n}\r\n", Formatter.Format(crlfFirst));
        Assert.Equal("job j\nmodel M {\n  ai A /* one\n  two */\n}\n", Formatter.Format(lfFirst));
    }

    [Fact]
    public void A_file_of_one_line_without_a_line_break_gets_a_newline()
    {
        Assert.Equal("job j\n", Formatter.Format("job   j"));
    }

    [Fact]
    public void An_empty_file_stays_empty()
    {
        Assert.Equal("", Formatter.Format(""));
    }

    [Fact]
    public void Formatting_keeps_the_tokens_of_every_example()
    {
        var examples = Directory.Exists(TestUtilities.RepoPaths.Examples)
            ? Directory.EnumerateFiles(TestUtilities.RepoPaths.Examples, "*.stream", SearchOption.AllDirectories).ToArray()
            : [];
        foreach (var path in examples)
        {
            var text = File.ReadAllText(path);
            var formatted = Formatter.Format(text, path);
            Assert.Equal(formatted, Formatter.Format(formatted, path));
            var before = SyntaxTree.Parse(text, path).Tokens.Where(t => !t.IsTrivia).Select(t => t.Text);
            var after = SyntaxTree.Parse(formatted, path).Tokens.Where(t => !t.IsTrivia).Select(t => t.Text);
            Assert.Equal(before, after);
        }
    }
}
