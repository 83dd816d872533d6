using Dsl.Compiler.Text;

namespace Dsl.Compiler.Diagnostics;

/// <summary>Collects the diagnostics of one stage for one file, in the order they are found.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public DiagnosticBag(SourceText source) => Source = source;

    public SourceText Source { get; }

    public int Count => _items.Count;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args) =>
        _items.Add(descriptor.Create(Source, span, args));

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public IReadOnlyList<Diagnostic> ToList() => _items.ToArray();
}
