using System.CommandLine;
using System.Text;
using Dsl.Compiler;
using Dsl.Compiler.Binding;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl graph FILE [--format mermaid|dot]</c>: the rule graph, points → rules → points.</summary>
public static class GraphCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The job's .stream file." };
        var format = new Option<string>("--format") { Description = "The drawing: mermaid or dot.", DefaultValueFactory = _ => "mermaid" };
        format.OneOf("mermaid", "dot");
        var command = new Command("graph", "Draw the job's rule graph as Mermaid or DOT.") { file, format };
        command.SetAction(result => Run(result.GetValue(file) ?? "", result.GetValue(format) == "dot"));
        return command;
    }

    private static int Run(string file, bool dot)
    {
        if (InputFiles.FileProblem(file) is { } problem)
        {
            Console.Error.WriteLine($"dsl graph: {problem}");
            return ExitCodes.Usage;
        }
        if (SourceFiles.Load(file, "graph") is not { } source)
            return ExitCodes.UserError;
        var compilation = Compilation.Create(source, FileSystemSourceResolver.Instance);
        foreach (var diagnostic in compilation.GetDiagnostics())
            Console.Error.WriteLine(diagnostic.ToString());
        if (compilation.HasErrors)
            return ExitCodes.UserError;
        if (compilation.Job is not { } job)
        {
            Console.Error.WriteLine($"dsl graph: {file} is a model library (it has no job line), so it has no rule graph; graph a job that imports it.");
            return ExitCodes.UserError;
        }
        Console.Out.Write(dot ? Dot(job) : Mermaid(job));
        return ExitCodes.Success;
    }

    /// <summary>Node ids are generated; names appear only inside quoted labels, with quotes escaped.</summary>
    private static string Mermaid(BoundJob job)
    {
        var text = new StringBuilder("flowchart LR\n");
        var ids = new NodeIds();
        foreach (var rule in job.Rules)
        {
            var ruleId = ids.Rule(rule);
            text.Append($"  {ruleId}{{{{\"{MermaidText(rule.DisplayName)}\"}}}}\n");
            foreach (var point in rule.ReadPoints)
                text.Append($"  {ids.Point(point)}([\"{MermaidText(point.QualifiedName)}\"]) --> {ruleId}\n");
            foreach (var point in rule.WrittenPoints)
                text.Append($"  {ruleId} --> {ids.Point(point)}([\"{MermaidText(point.QualifiedName)}\"])\n");
        }
        return text.ToString();
    }

    private static string Dot(BoundJob job)
    {
        var text = new StringBuilder($"digraph \"{Escape(job.Name)}\" {{\n  rankdir=LR;\n");
        var ids = new NodeIds();
        foreach (var rule in job.Rules)
        {
            var ruleId = ids.Rule(rule);
            text.Append($"  {ruleId} [shape=box, label=\"{Escape(rule.DisplayName)}\"];\n");
            foreach (var point in rule.ReadPoints.Concat(rule.WrittenPoints))
                text.Append($"  {ids.Point(point)} [shape=ellipse, label=\"{Escape(point.QualifiedName)}\"];\n");
            foreach (var point in rule.ReadPoints)
                text.Append($"  {ids.Point(point)} -> {ruleId};\n");
            foreach (var point in rule.WrittenPoints)
                text.Append($"  {ruleId} -> {ids.Point(point)};\n");
        }
        return text.Append("}\n").ToString();
    }

    /// <summary>
    /// Mermaid has no escape inside a quoted label, only entity codes (<c>#quot;</c>, <c>#35;</c>),
    /// which it decodes wherever they appear: so a '#' of the name is itself an entity, else a name
    /// holding "#quot;" would show a quote; and '&lt;', '&gt;' and '&amp;' are, else the label's HTML
    /// takes them as tags and entities ("a&amp;amp;b" would show as "a&amp;b"); and a backslash, which
    /// some versions read as the start of an escape ("\n", a line break).
    /// </summary>
    private static string MermaidText(string text) =>
        text.Replace("#", "#35;").Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;").Replace("&", "#38;").Replace("\\", "#92;").Replace("\n", " ");

    /// <summary>
    /// A DOT string: quotes and backslashes escaped, and '&amp;' as an entity, since Graphviz decodes
    /// entities in labels ("a&amp;amp;b" would show as "a&amp;b").
    /// </summary>
    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("&", "&amp;").Replace("\n", " ");

    private sealed class NodeIds
    {
        private readonly Dictionary<object, string> _ids = new(ReferenceEqualityComparer.Instance);

        public string Rule(BoundRule rule) => Get(rule, "r");

        public string Point(Dsl.Compiler.Symbols.PointSymbol point) => Get(point, "p");

        private string Get(object key, string prefix)
        {
            if (!_ids.TryGetValue(key, out var id))
                _ids[key] = id = prefix + _ids.Count;
            return id;
        }
    }
}
