using BenchmarkDotNet.Attributes;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Handlers.Completion;
using Dsl.LanguageServer.Handlers.Diagnostics;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.Benchmarks.Editor;

/// <summary>
/// What a user waits for in the editor on a 2,000-line job: the diagnostics of a document after
/// an edit (the work the server does once its debounce expires), and a completion list right
/// after an edit. Each iteration changes the text, so nothing is served from a stale cache.
/// </summary>
[MemoryDiagnoser]
public class EditorBenchmarks
{
    private const string Uri = "file:///bench/large.stream";

    private readonly Workspace _workspace = new();
    private int _version = 1;
    private int _line;
    private Position _completionAt = new(0, 0);

    [Params(2000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = LargeJob.Generate(Lines);
        _workspace.Documents.Open(Uri, _version, text);
        var lines = text.Split('\n');
        // The edited line: the literal in the first merge's LoadFactor (type a digit into it).
        _line = Array.FindIndex(lines, l => l.Contains("LoadFactor = ActivePower / RatedPower", StringComparison.Ordinal));
        _completionAt = new Position(_line, lines[_line].IndexOf("RatedPower", StringComparison.Ordinal));
    }

    [Benchmark]
    public int Diagnostics_after_an_edit()
    {
        Edit();
        var document = _workspace.GetDocument(Uri);
        return _workspace.GetDiagnostics(document, CancellationToken.None).Select(DiagnosticMapper.ToLsp).Count();
    }

    [Benchmark]
    public int Completion_after_an_edit()
    {
        Edit();
        var list = new CompletionHandler(_workspace).Handle(new CompletionParams(new TextDocumentIdentifier(Uri), _completionAt), CancellationToken.None);
        return list.Items.Count();
    }

    /// <summary>Alternates "/ RatedPower" and "/ RatedPower * 1": a real change every time.</summary>
    private void Edit()
    {
        _version++;
        var lineText = _workspace.GetDocument(Uri).Source.ToString(_workspace.GetDocument(Uri).Source.GetLineSpan(_line));
        var change = lineText.EndsWith(" * 1", StringComparison.Ordinal)
            ? new TextDocumentContentChangeEvent("", new Dsl.LanguageServer.Protocol.Messages.Range(new Position(_line, lineText.Length - 4), new Position(_line, lineText.Length)))
            : new TextDocumentContentChangeEvent(" * 1", new Dsl.LanguageServer.Protocol.Messages.Range(new Position(_line, lineText.Length), new Position(_line, lineText.Length)));
        _workspace.Documents.Change(Uri, _version, [change]);
    }
}
