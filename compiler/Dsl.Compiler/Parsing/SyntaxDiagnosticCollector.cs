using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// Gathers the syntax diagnostics of one file from the token pass, the parser's error
/// strategy and the syntax-tree builder, and decides which ones the user sees: in source
/// order, at most one per line (a second error on a line is almost always a consequence of
/// the first, so the leftmost one is kept), and no more than
/// <see cref="ParseLimits.MaxReportedErrors"/>. The parts of a rule header count as lines of
/// their own (<see cref="RuleHeaderParts"/>): a bad window size and a bad lateness on one
/// header line are two mistakes. Only the kept ones are ever formatted, so a binary file
/// with a million bad characters costs a million dictionary lookups, not a million messages.
/// </summary>
internal sealed class SyntaxDiagnosticCollector(SourceText source, RuleHeaderParts headerParts)
{
    // Keyed by where the line, or the header part, that holds the diagnostic starts.
    private readonly Dictionary<int, Pending> _bySlot = [];

    /// <summary>True when a diagnostic at <paramref name="position"/> would be kept (its line or header part has none further left yet).</summary>
    public bool Accepts(int position) =>
        !_bySlot.TryGetValue(SlotOf(Clamp(position)), out var existing) || existing.Span.Start > Clamp(position);

    /// <summary>
    /// Replaces a diagnostic reported at exactly <paramref name="span"/> with <paramref name="from"/> by one
    /// with <paramref name="to"/>: a later stage knows better what the text was meant to be.
    /// </summary>
    public void Reword(TextSpan span, DiagnosticDescriptor from, DiagnosticDescriptor to, params object?[] args)
    {
        var slot = SlotOf(Clamp(span.Start));
        if (_bySlot.TryGetValue(slot, out var existing) && existing.Descriptor == from && existing.Span == span)
            _bySlot[slot] = new Pending(to, span, args);
    }

    /// <summary>True when a diagnostic was reported from <paramref name="start"/> up to, not including, <paramref name="end"/>.</summary>
    public bool HasAnyIn(int start, int end) =>
        _bySlot.Values.Any(pending => pending.Span.Start >= start && (pending.Span.Start < end || (pending.Span.Length == 0 && pending.Span.Start == end)));

    public void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args)
    {
        var start = Clamp(span.Start);
        span = TextSpan.FromBounds(start, Math.Clamp(span.End, start, source.Length));
        var slot = SlotOf(start);
        if (_bySlot.TryGetValue(slot, out var existing) && existing.Span.Start <= start)
            return;
        _bySlot[slot] = new Pending(descriptor, span, args);
    }

    public IReadOnlyList<Diagnostic> ToList()
    {
        var result = new List<Diagnostic>();
        foreach (var (_, pending) in _bySlot.OrderBy(entry => entry.Key))
        {
            if (result.Count == ParseLimits.MaxReportedErrors)
            {
                result.Add(DiagnosticDescriptors.TooManySyntaxErrors.Create(source, pending.Span, ParseLimits.MaxReportedErrors));
                break;
            }
            result.Add(pending.Descriptor.Create(source, pending.Span, pending.Args));
        }
        return result;
    }

    private int SlotOf(int position)
    {
        var lineStart = position - source.GetLinePosition(position).Character;
        return Math.Max(lineStart, headerParts.PartStartAtOrBefore(position));
    }

    // Spans come from token offsets, which lie inside the text by construction; clamping
    // keeps a diagnostic valid even for a position computed at the very end of the file.
    private int Clamp(int position) => Math.Clamp(position, 0, source.Length);

    private readonly record struct Pending(DiagnosticDescriptor Descriptor, TextSpan Span, object?[] Args);
}
