namespace Dsl.Control.Security;

/// <summary>The outcome of <see cref="TokenStore.EnsureAdminToken"/>.</summary>
/// <param name="Created">True when this was the first start and an admin token was created.</param>
/// <param name="AdminTokenPath">Where the admin token is (or would be) written: <c>DATA/admin.token</c>.</param>
public sealed record BootstrapResult(bool Created, string AdminTokenPath);
