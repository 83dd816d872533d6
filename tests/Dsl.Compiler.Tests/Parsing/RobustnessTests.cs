using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Dsl.Compiler.Parsing;
using Dsl.Compiler.Syntax;
using Dsl.Grammar;

namespace Dsl.Compiler.Tests.Parsing;

/// <summary>Parsing never throws and stays linear, whatever the input.</summary>
public sealed class RobustnessTests
{
    private const int Limit = 256;

    private static string InMerge(string expression) => $"merge M on P {{\n  X = {expression}\n  Y = P + 1\n}}\n";

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    public static TheoryData<string, string> DeepExpressions() => new()
    {
        { "nested parentheses", new string('(', 10_000) + "x" + new string(')', 10_000) },
        { "unclosed parentheses", new string('(', 10_000) + "x" },
        { "nested calls", Repeat("f(", 10_000) + "x" + new string(')', 10_000) },
        { "negations", new string('-', 10_000) + "x" },
        { "nots", Repeat("! ", 10_000) + "x" },
        { "powers (right-associative)", string.Join(" ^ ", Enumerable.Repeat("x", 10_000)) },
        { "sums (a left-deep tree)", string.Join(" + ", Enumerable.Repeat("x", 10_000)) },
        { "conditionals", Repeat("a ? b : ", 5_000) + "x" },
        { "if chains", Repeat("if a then b else ", 5_000) + "x" },
        { "nested intervals", Repeat("x in [0, ", 3_000) + "1" + new string(']', 3_000) },
    };

    [Theory]
    [MemberData(nameof(DeepExpressions))]
    public void Deep_nesting_is_one_error_and_the_next_output_still_parses(string shape, string expression)
    {
        // A 256 KB stack: the parser must not depend on the caller's stack (a thread-pool
        // thread has 1.5 MB; a debug-build frame of the ANTLR parser is about 2 KB).
        var tree = ParseOnSmallStack(InMerge(expression));

        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal("DSL1008", diagnostic.Code);
        Assert.Equal($"The expression is nested more than {Limit} levels deep (parentheses, and each operator of a chain such as a + b + c, count as levels); split it into parts computed as separate points.", diagnostic.Message);
        Assert.Equal((1, 6), (diagnostic.Start.Line, diagnostic.Start.Character));
        SyntaxAssert.Invariants(tree);

        // Later stages walk expressions recursively: the tree they get is bounded.
        Assert.True(Depth(tree.Root) <= Limit + 10, $"{shape}: the syntax tree is {Depth(tree.Root)} levels deep.");
        var outputs = SyntaxAssert.Single<MergeRuleSyntax>(tree).Outputs;
        Assert.Equal(["X", "Y"], outputs.Select(o => o.Target.Text));
        Assert.Equal("(+ P 1)", ExpressionPrinter.Print(outputs[1].Value));
    }

    [Fact]
    public void Nesting_at_the_limit_is_fine_and_one_level_more_is_one_error()
    {
        // DSL1008 says "more than 256 levels": 256 parentheses, or a chain of 256 operators, is at the limit.
        SyntaxAssert.Clean(InMerge(new string('(', Limit) + "x" + new string(')', Limit)));
        SyntaxAssert.Clean(InMerge(string.Join(" + ", Enumerable.Range(1, Limit + 1).Select(i => $"P{i}"))));
        SyntaxAssert.Clean(InMerge(new string('-', Limit) + "x"));

        foreach (var deeper in new[]
        {
            new string('(', Limit + 1) + "x" + new string(')', Limit + 1),
            string.Join(" + ", Enumerable.Range(1, Limit + 2).Select(i => $"P{i}")),
            new string('-', Limit + 1) + "x",
        })
        {
            Assert.Equal("DSL1008", Assert.Single(ParseOnSmallStack(InMerge(deeper)).Diagnostics).Code);
        }
    }

    [Fact]
    public void Nesting_below_the_limit_and_long_sums_are_fine()
    {
        SyntaxAssert.Clean(InMerge(new string('(', 200) + "x" + new string(')', 200)));
        SyntaxAssert.Clean(InMerge(string.Join(" + ", Enumerable.Range(1, 200).Select(i => $"P{i}"))));
    }

    [Fact]
    public void Binary_input_is_reported_not_thrown()
    {
        var random = new Random(42);
        var bytes = new byte[64 * 1024];
        random.NextBytes(bytes);
        foreach (var text in new[] { Encoding.Latin1.GetString(bytes), Encoding.UTF8.GetString(bytes), "\0\0\0job\0", "\uFEFF\uFFFD\uD800" })
        {
            var tree = SyntaxTree.Parse(text);
            SyntaxAssert.Invariants(tree);
            Assert.NotEmpty(tree.Diagnostics);
        }
    }

    /// <summary>
    /// `dsl check` drops a byte-order mark as it decodes a file; an editor may send it along. Both
    /// must see the same file, so the mark is whitespace, and a mark elsewhere stays an error.
    /// </summary>
    [Fact]
    public void A_leading_byte_order_mark_is_whitespace()
    {
        const string Job = "job a \"x\"\nmodel M {\n  ai `Leistung-ä` kW\n}\n";
        var tree = SyntaxTree.Parse("\uFEFF" + Job);
        SyntaxAssert.Invariants(tree);
        Assert.Empty(tree.Diagnostics);

        var inside = SyntaxTree.Parse(Job + "\uFEFF");
        Assert.Contains(inside.Diagnostics, d => d.Code == "DSL1002");
    }

    [Fact]
    public void Five_megabytes_of_binary_garbage_stay_cheap()
    {
        var bytes = new byte[5 * 1024 * 1024];
        new Random(5).NextBytes(bytes);
        var tree = SyntaxTree.Parse(Encoding.Latin1.GetString(bytes));
        SyntaxAssert.Invariants(tree);
        Assert.Equal(101, tree.Diagnostics.Count);
    }

    [Fact]
    public void A_five_megabyte_job_parses_without_errors()
    {
        var builder = new StringBuilder(5_100_000);
        while (builder.Length < 5_000_000)
            builder.Append(SyntaxSamples.FullJob).Append('\n');
        var text = builder.ToString();

        var tree = SyntaxTree.Parse(text);

        Assert.Empty(tree.Diagnostics);
        Assert.Equal(text.Length, tree.Tokens[^1].Span.End);
        Assert.True(tree.Root.Declarations.Length > 10_000);
    }

    [Fact]
    public void Every_truncation_of_a_job_parses_without_throwing()
    {
        var text = SyntaxSamples.FullJob;
        for (var length = 0; length <= text.Length; length += 7)
            SyntaxAssert.Invariants(SyntaxTree.Parse(text[..length]));
    }

    [Fact]
    public void A_five_thousand_line_job_parses_without_pathological_backtracking()
    {
        // Prediction that backtracks over the whole file looks ahead as far as the file goes, and
        // such a parse takes minutes. Counted in tokens rather than timed: the longest lookahead
        // of any decision is the same for 500 lines as for 5,000, and a few statements long.
        var small = MaxLookahead(GeneratedJob(500));
        var large = MaxLookahead(GeneratedJob(5_000));

        Assert.Equal(small, large);
        Assert.InRange(large, 1, 64);
    }

    /// <summary>The longest lookahead, in tokens, of any prediction in a parse of a valid file (LL, as files are parsed).</summary>
    private static long MaxLookahead(string text)
    {
        var parser = new GuardedStreamParser(new CommonTokenStream(new StreamLexer(new AntlrInputStream(text)))) { Profile = true };
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.LL;
        parser.compilationUnit();

        Assert.Equal(0, parser.NumberOfSyntaxErrors);
        return parser.ParseInfo.getDecisionInfo().Max(decision => Math.Max(decision.SLL_MaxLook, decision.LL_MaxLook));
    }

    private static string GeneratedJob(int lines)
    {
        var builder = new StringBuilder("job big \"generated\"\n");
        for (var model = 0; CountLines(builder) < lines; model++)
        {
            builder.Append($"model M{model} {{\n  ai Power kW range [0, 3500]\n  ai Reactive kvar\n  attribute Rated: double = 3000 kW\n  ai Avg kW\n}}\n");
            builder.Append($"aggregate M{model} window tumbling 10m lateness 1m {{\n  Avg = avg(Power) where Power in [0, 3500)\n  Max = max(Power) fill 0\n}}\n");
            builder.Append($"merge M{model} on Power hold 10m {{\n  App = sqrt(Power ^ 2 + Reactive ^ 2) * (if Rated > 0 then 1 else 0)\n  Load = Power / Rated\n}}\n");
        }
        return builder.ToString();
    }

    private static int CountLines(StringBuilder builder)
    {
        var lines = 0;
        foreach (var chunk in builder.GetChunks())
            lines += chunk.Span.Count('\n');
        return lines;
    }

    private static SyntaxTree ParseOnSmallStack(string text)
    {
        SyntaxTree? tree = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                tree = SyntaxTree.Parse(text);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        return Assert.IsType<SyntaxTree>(tree);
    }

    private static int Depth(SyntaxNode root)
    {
        var deepest = 0;
        var pending = new Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            deepest = Math.Max(deepest, depth);
            foreach (var child in node.Children)
                pending.Push((child, depth + 1));
        }
        return deepest;
    }
}
