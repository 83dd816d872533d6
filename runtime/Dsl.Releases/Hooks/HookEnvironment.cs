using System.Collections;

namespace Dsl.Releases.Hooks;

/// <summary>What git and the HTTP bridge tell a hook through environment variables.</summary>
public sealed record HookEnvironment(string Pusher, IReadOnlyList<string> PushOptions)
{
    /// <summary>Set by <c>git http-backend</c> from the daemon's authenticated token name.</summary>
    public const string RemoteUserVariable = "REMOTE_USER";

    /// <summary>Names the pusher of a push over a path (there is no token there).</summary>
    public const string UserVariable = "DSL_USER";

    public const string RestartOption = "restart";

    public bool Restart => PushOptions.Contains(RestartOption, StringComparer.Ordinal);

    public static HookEnvironment From(IDictionary variables)
    {
        string? Get(string name) => variables[name] as string is { Length: > 0 } value ? value : null;

        var options = new List<string>();
        if (int.TryParse(Get("GIT_PUSH_OPTION_COUNT"), out var count))
        {
            for (var i = 0; i < count; i++)
            {
                if (Get($"GIT_PUSH_OPTION_{i}") is { } option)
                    options.Add(option);
            }
        }
        return new HookEnvironment(Get(RemoteUserVariable) ?? Get(UserVariable) ?? Environment.UserName, options);
    }
}
