using Dsl.Control.V1;

namespace Dsl.Control.Security;

/// <summary>The names of roles as users type them (<c>viewer</c>, <c>operator</c>, <c>admin</c>) and their order.</summary>
public static class Roles
{
    /// <summary>The role names, lowest first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["viewer", "operator", "admin"];

    /// <summary>The lowercase name of a role.</summary>
    public static string Name(Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Operator => "operator",
        Role.Admin => "admin",
        _ => "unspecified",
    };

    /// <summary>Parses <c>viewer</c>, <c>operator</c> or <c>admin</c> (any case).</summary>
    public static bool TryParse(string? text, out Role role)
    {
        role = text?.Trim().ToLowerInvariant() switch
        {
            "viewer" => Role.Viewer,
            "operator" => Role.Operator,
            "admin" => Role.Admin,
            _ => Role.Unspecified,
        };
        return role != Role.Unspecified;
    }

    /// <summary>True when <paramref name="held"/> grants everything <paramref name="required"/> does.</summary>
    public static bool Includes(Role held, Role required) =>
        held != Role.Unspecified && required != Role.Unspecified && held >= required;
}
