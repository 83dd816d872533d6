using Dsl.Control.V1;
using Dsl.Control.Wire;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Dsl.Control.Api;

/// <summary>
/// Builds rpc descriptors from control.proto itself, so the shape and the required role of
/// each rpc (its <c>required_role</c> option) are stated in one place: the .proto file.
/// </summary>
internal static class ProtoMethods
{
    public static Method<TRequest, TResponse> Find<TRequest, TResponse>(string service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var serviceDescriptor = ControlReflection.Descriptor.Services.Single(s => s.Name == service);
        var method = serviceDescriptor.FindMethodByName(name)
            ?? throw new InvalidOperationException($"control.proto has no rpc {service}.{name}.");
        if (method.InputType != new TRequest().Descriptor || method.OutputType != new TResponse().Descriptor)
        {
            throw new InvalidOperationException($"{service}.{name} does not take {typeof(TRequest).Name} and return {typeof(TResponse).Name}.");
        }

        return new Method<TRequest, TResponse>(
            serviceDescriptor.FullName + "/" + method.Name,
            KindOf(method),
            method.GetOptions()?.GetExtension(ControlExtensions.RequiredRole) ?? Role.Admin);
    }

    public static MethodKind KindOf(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodKind.Unary,
        (false, true) => MethodKind.ServerStreaming,
        (true, false) => MethodKind.ClientStreaming,
        _ => MethodKind.DuplexStreaming,
    };
}
