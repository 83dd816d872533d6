namespace Dsl.Compiler.Emit;

/// <param name="CacheDirectory">Where job assemblies are cached by the hash of their sources and
/// the compiler version, and the runtime build; null to cache only in this process.</param>
public sealed record EmitOptions(string? CacheDirectory = null)
{
    public static EmitOptions Default { get; } = new();

    /// <summary>The per-user cache the command line uses: <c>$DSL_CACHE</c>, else <c>$XDG_CACHE_HOME/dsl</c>, else <c>~/.cache/dsl</c>.</summary>
    public static string UserCacheDirectory()
    {
        var explicitDirectory = Environment.GetEnvironmentVariable("DSL_CACHE");
        if (!string.IsNullOrEmpty(explicitDirectory))
            return explicitDirectory;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "dsl", "assemblies");
    }
}
