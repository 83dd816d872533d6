namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Lines an editor can fold: those after <paramref name="StartLine"/> up to <paramref name="EndLine"/> are hidden (<see cref="FoldingRangeKind"/>, or null for code).</summary>
public sealed record FoldingRange(int StartLine, int EndLine, string? Kind);
