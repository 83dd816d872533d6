namespace Dsl.LanguageServer.Language;

/// <summary>The braces the cursor is in.</summary>
public enum BlockKind
{
    None,
    Settings,
    Model,
    Aggregate,
    Merge,
    Energy,
    Alarm,
}
