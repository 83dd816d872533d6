namespace Dsl.LanguageServer.Language;

/// <summary>The function call around the cursor: its name, which argument the cursor is in, and whether it is the function of an aggregate output.</summary>
public sealed record CallSite(string Function, int ArgumentIndex, bool IsAggregateOutput);
