using System.Security.Cryptography.X509Certificates;

namespace Dsl.Control.Security;

/// <summary>Where a client finds the daemon and which token it presents.</summary>
/// <param name="Server">The daemon's address, e.g. <c>http://127.0.0.1:7400</c>.</param>
/// <param name="Token">The bearer token secret.</param>
/// <param name="TokenSource">Where the token came from, for messages such as "using the token in DATA/admin.token".</param>
public sealed record ConnectionSettings(Uri Server, string Token, string TokenSource)
{
    /// <summary>Roots to trust for an https:// server besides the system's (<c>--ca</c> or <c>DSL_CA</c>).</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>Keeps the secret out of logs.</summary>
    public override string ToString() => $"ConnectionSettings {{ Server = {Server}, TokenSource = {TokenSource} }}";
}
