using System.Text.RegularExpressions;

namespace Dsl.Cli.Tests;

/// <summary><c>dsl graph</c>: the rule graph as Mermaid and as DOT, read back into edges between labels.</summary>
public sealed partial class GraphCommandTests
{
    /// <summary>A → merge → Twice → aggregate → TwiceMax10m.</summary>
    private static readonly string[] ChainedEdges =
    [
        "M::A -> merge M (line 10)",
        "merge M (line 10) -> M::Twice",
        "M::Twice -> aggregate M (line 14)",
        "aggregate M (line 14) -> M::TwiceMax10m",
    ];

    [Fact]
    public void Graph_prints_the_rule_graph_as_Mermaid_by_default()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = workspace.Dsl("graph", "job.stream");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("flowchart LR", result.OutputLines[0]);
        Assert.Equal(ChainedEdges.Order(StringComparer.Ordinal), MermaidEdges(result.OutputLines.Skip(1)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Graph_prints_the_rule_graph_as_DOT()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = workspace.Dsl("graph", "job.stream", "--format", "dot");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("digraph \"doubler\" {", result.OutputLines[0]);
        Assert.Equal("}", result.OutputLines[^1]);
        Assert.Equal(ChainedEdges.Order(StringComparer.Ordinal), DotEdges(result.OutputLines).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Graph_labels_keep_names_with_quotes_and_backslashes_inside_their_quotes()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", """
            job `odd "name" \ here`

            model `M "1"` {
              ai `in "put" \ x`: double
              ai `out"]) --> evil`
            }

            merge `M "1"` on `in "put" \ x` {
              `out"]) --> evil` = `in "put" \ x` + 1
            }

            """);

        var dot = workspace.Dsl("graph", "job.stream", "--format", "dot");
        var mermaid = workspace.Dsl("graph", "job.stream");

        Assert.True(dot.ExitCode == 0, dot.ToString());
        Assert.Equal("digraph \"odd \\\"name\\\" \\\\ here\" {", dot.OutputLines[0]);
        Assert.Equal(
            ["M \"1\"::in \"put\" \\ x -> merge M \"1\" (line 8)", "merge M \"1\" (line 8) -> M \"1\"::out\"]) --> evil"],
            DotEdges(dot.OutputLines).Order(StringComparer.Ordinal));

        Assert.True(mermaid.ExitCode == 0, mermaid.ToString());
        // Mermaid has no escape inside a quoted label: a quote is the entity #quot;, which it shows as a quote.
        Assert.Contains("#quot;", mermaid.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(
            ["M \"1\"::in \"put\" \\ x -> merge M \"1\" (line 8)", "merge M \"1\" (line 8) -> M \"1\"::out\"]) --> evil"],
            MermaidEdges(mermaid.OutputLines.Skip(1)).Select(MermaidDecoded).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Graph_of_a_job_with_errors_prints_the_diagnostics_and_exits_1()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained.Replace("max(Twice)", "max(Thrice)", StringComparison.Ordinal));

        var result = workspace.Dsl("graph", "job.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Contains("error DSL2003", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_labels_show_names_with_entity_codes_and_angle_brackets_as_written()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", """
            job j

            model M {
              ai `Meter#quot;1`: double
              ai `<b>Out</b> #2`
            }

            merge M on `Meter#quot;1` {
              `<b>Out</b> #2` = `Meter#quot;1` + 1
            }

            """);

        var result = workspace.Dsl("graph", "job.stream");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["M::Meter#quot;1 -> merge M (line 8)", "merge M (line 8) -> M::<b>Out</b> #2"],
            MermaidEdges(result.OutputLines.Skip(1)).Select(MermaidDecoded).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// What Mermaid shows for a label: it turns every entity code, named (#quot;) or numeric (#35;),
    /// into the HTML entity (&amp;quot;, &amp;#35;), and the label is HTML, whose entities the browser
    /// decodes, those of the name as well.
    /// </summary>
    private static string MermaidDecoded(string label) =>
        System.Net.WebUtility.HtmlDecode(Regex.Replace(label, "#([a-z]+|[0-9]+);", m => m.Groups[1].Value switch
        {
            "quot" or "lt" or "gt" or "amp" => $"&{m.Groups[1].Value};",
            var code when char.IsAsciiDigit(code[0]) => $"&#{code};",
            var name => throw new InvalidOperationException("Not an entity Mermaid knows: " + name),
        }));

    /// <summary>Names that hold entities and a backslash are shown as written, by Graphviz and Mermaid alike.</summary>
    [Fact]
    public void Graph_labels_show_names_holding_entities_and_backslashes_as_written()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", """
            job j

            model M {
              ai `a&amp;b`: double
              ai `x&lt;y \n z&#35;`
            }

            merge M on `a&amp;b` {
              `x&lt;y \n z&#35;` = `a&amp;b` + 1
            }

            """);

        var dot = workspace.Dsl("graph", "job.stream", "--format", "dot");
        var mermaid = workspace.Dsl("graph", "job.stream");

        string[] expected = ["M::a&amp;b -> merge M (line 8)", "merge M (line 8) -> M::x&lt;y \\n z&#35;"];
        Assert.True(dot.ExitCode == 0, dot.ToString());
        Assert.Equal(expected, DotEdges(dot.OutputLines).Order(StringComparer.Ordinal));
        Assert.True(mermaid.ExitCode == 0, mermaid.ToString());
        Assert.Equal(expected, MermaidEdges(mermaid.OutputLines.Skip(1)).Select(MermaidDecoded).Order(StringComparer.Ordinal));
        // Mermaid reads a backslash in a label as the start of an escape in some versions: none is left.
        Assert.DoesNotContain("\\", mermaid.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_of_a_model_library_says_it_has_no_rule_graph_and_exits_1()
    {
        using var workspace = new Workspace();
        workspace.Write("models.stream", "model M {\n  ai A\n}\n");

        var result = workspace.Dsl("graph", "models.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Equal(["dsl graph: models.stream is a model library (it has no job line), so it has no rule graph; graph a job that imports it."], result.ErrorLines);
    }

    /// <summary>Edges as "from label -> to label"; a line is a node, or an edge between two nodes, each node with its quoted label at least once.</summary>
    private static List<string> MermaidEdges(IEnumerable<string> lines)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new List<(string, string)>();
        foreach (var line in lines)
        {
            var match = MermaidLine().Match(line.Trim());
            Assert.True(match.Success, "Not a Mermaid node or edge: " + line);
            var ids = match.Groups["id"].Captures.Select(c => c.Value).ToArray();
            foreach (var (id, label) in ids.Zip(match.Groups["node"].Captures.Select(c => c.Value)))
            {
                var labelMatch = MermaidLabel().Match(label);
                if (labelMatch.Success)
                    labels[id] = labelMatch.Groups["label"].Value;
            }
            if (ids.Length == 2)
                edges.Add((ids[0], ids[1]));
        }
        return [.. edges.Select(e => $"{labels[e.Item1]} -> {labels[e.Item2]}")];
    }

    /// <summary>Edges as "from label -> to label", with DOT's escapes and the entities Graphviz decodes undone.</summary>
    private static List<string> DotEdges(IEnumerable<string> lines)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new List<(string, string)>();
        foreach (var line in lines.Skip(1).SkipLast(1).Select(l => l.Trim()).Where(l => l != "rankdir=LR;"))
        {
            if (DotNode().Match(line) is { Success: true } node)
                labels[node.Groups["id"].Value] = System.Net.WebUtility.HtmlDecode(Regex.Replace(node.Groups["label"].Value, @"\\(.)", "$1")); // Graphviz decodes entities in labels
            else if (DotEdge().Match(line) is { Success: true } edge)
                edges.Add((edge.Groups["from"].Value, edge.Groups["to"].Value));
            else
                Assert.Fail("Not a DOT statement: " + line);
        }
        return [.. edges.Select(e => $"{labels[e.Item1]} -> {labels[e.Item2]}")];
    }

    /// <summary>A node: an id, then optionally a hexagon {{"…"}} or a stadium (["…"]) with a label free of quotes.</summary>
    [GeneratedRegex("""^(?<node>(?<id>[a-z][0-9]+)(?:\{\{"[^"]*"\}\}|\(\["[^"]*"\]\))?)(?: --> (?<node>(?<id>[a-z][0-9]+)(?:\{\{"[^"]*"\}\}|\(\["[^"]*"\]\))?))?$""")]
    private static partial Regex MermaidLine();

    [GeneratedRegex("""^[a-z][0-9]+(?:\{\{"(?<label>[^"]*)"\}\}|\(\["(?<label>[^"]*)"\]\))$""")]
    private static partial Regex MermaidLabel();

    [GeneratedRegex("""^(?<id>[a-z][0-9]+) \[shape=(box|ellipse), label="(?<label>(?:[^"\\]|\\.)*)"\];$""")]
    private static partial Regex DotNode();

    [GeneratedRegex("""^(?<from>[a-z][0-9]+) -> (?<to>[a-z][0-9]+);$""")]
    private static partial Regex DotEdge();
}
