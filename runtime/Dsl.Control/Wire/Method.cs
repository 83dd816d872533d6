using Dsl.Control.V1;
using Google.Protobuf;

namespace Dsl.Control.Wire;

/// <summary>
/// Describes one rpc: its path, shape, message types and the least role a caller needs.
/// The same descriptor registers a handler on <see cref="ControlServer"/> and calls the rpc
/// through <see cref="ControlChannel"/>. The control API's rpcs are in <c>Dsl.Control.Api</c>.
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    /// <summary>Creates a descriptor.</summary>
    /// <param name="fullName">The rpc as <c>package.Service/Method</c>, e.g. <c>dsl.control.v1.Jobs/List</c>.</param>
    /// <param name="kind">Whether either side streams.</param>
    /// <param name="requiredRole">The least role of a caller's token.</param>
    public Method(string fullName, MethodKind kind, Role requiredRole)
    {
        int slash = fullName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == fullName.Length - 1 || fullName.IndexOf('/', slash + 1) >= 0)
        {
            throw new ArgumentException($"'{fullName}' is not of the form package.Service/Method.", nameof(fullName));
        }

        if (requiredRole == Role.Unspecified)
        {
            throw new ArgumentException("Every rpc needs a role; reads need Role.Viewer.", nameof(requiredRole));
        }

        FullName = fullName;
        Kind = kind;
        RequiredRole = requiredRole;
    }

    /// <summary>The rpc as <c>package.Service/Method</c>.</summary>
    public string FullName { get; }

    /// <summary>The HTTP/2 path the rpc is served at: <c>/package.Service/Method</c>.</summary>
    public string Path => "/" + FullName;

    /// <summary>Whether either side streams.</summary>
    public MethodKind Kind { get; }

    /// <summary>The least role a caller's token must have.</summary>
    public Role RequiredRole { get; }

    /// <summary>Parses request messages.</summary>
    public MessageParser<TRequest> RequestParser { get; } = new(() => new TRequest());

    /// <summary>Parses response messages.</summary>
    public MessageParser<TResponse> ResponseParser { get; } = new(() => new TResponse());

    /// <inheritdoc />
    public override string ToString() => FullName;
}
