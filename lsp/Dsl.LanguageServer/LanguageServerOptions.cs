namespace Dsl.LanguageServer;

/// <summary>Tunables of a server session; the defaults suit an editor.</summary>
public sealed record LanguageServerOptions
{
    /// <summary>How long diagnostics wait after the last edit, so typing does not recompile on every key.</summary>
    public TimeSpan DiagnosticsDelay { get; init; } = TimeSpan.FromMilliseconds(150);
}
