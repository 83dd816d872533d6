using Dsl.Control.V1;

namespace Dsl.Control.Security;

/// <summary>A newly created token. Its secret is shown once and never stored.</summary>
/// <param name="Name">The unique name.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Created">When it was created.</param>
/// <param name="Secret">The bearer token to hand to the client.</param>
public sealed record IssuedToken(string Name, Role Role, DateTimeOffset Created, string Secret)
{
    /// <summary>Keeps the secret out of logs and debugger displays.</summary>
    public override string ToString() => $"IssuedToken {{ Name = {Name}, Role = {Roles.Name(Role)}, Created = {Created:O} }}";
}
