using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Dsl.Control.Wire;

/// <summary>
/// A call that ended with a status other than OK. Handlers throw it to answer with that status;
/// clients receive it with the status the server sent (or one the transport implied).
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an error with a status, a message for the caller and optional typed details.</summary>
    /// <param name="status">The status code; must not be <see cref="StatusCode.OK"/>.</param>
    /// <param name="message">The text sent as <c>grpc-message</c>; clients show it to users.</param>
    /// <param name="details">Messages sent packed in <c>grpc-status-details-bin</c>, e.g. <c>Diagnostics</c>.</param>
    public RpcException(StatusCode status, string message, IEnumerable<IMessage>? details = null)
        : base(message)
    {
        if (status == StatusCode.OK)
        {
            throw new ArgumentException("An RpcException cannot carry status OK.", nameof(status));
        }

        Status = status;
        Details = details is null ? [] : details.Select(d => d as Any ?? Any.Pack(d)).ToArray();
    }

    /// <summary>The status code.</summary>
    public StatusCode Status { get; }

    /// <summary>Typed details of the error, packed as <see cref="Any"/>.</summary>
    public IReadOnlyList<Any> Details { get; }

    /// <summary>The first detail of type <typeparamref name="T"/>, or null when there is none.</summary>
    public T? GetDetail<T>()
        where T : class, IMessage<T>, new()
    {
        var descriptor = new T().Descriptor;
        foreach (var any in Details)
        {
            if (any.Is(descriptor))
            {
                return any.Unpack<T>();
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Status}: {Message}";
}
