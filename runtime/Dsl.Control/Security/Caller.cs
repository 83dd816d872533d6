using Dsl.Control.V1;

namespace Dsl.Control.Security;

/// <summary>Who is calling: the name and role of the token the call carried.</summary>
/// <param name="Name">The token's name (also the holder of editing locks the caller takes).</param>
/// <param name="Role">The token's role.</param>
public sealed record Caller(string Name, Role Role)
{
    /// <summary>True when the caller's role is <paramref name="required"/> or above it (viewer &lt; operator &lt; admin).</summary>
    public bool HasRole(Role required) => Roles.Includes(Role, required);
}
