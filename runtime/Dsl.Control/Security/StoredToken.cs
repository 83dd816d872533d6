using Dsl.Control.V1;

namespace Dsl.Control.Security;

/// <summary>A token as kept in <c>config.json</c>: a salted SHA-256 of the secret, never the secret.</summary>
internal sealed record StoredToken(string Name, Role Role, DateTimeOffset Created, byte[] Salt, byte[] Hash)
{
    public TokenInfo ToInfo() => new(Name, Role, Created);
}
