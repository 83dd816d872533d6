using Dsl.Control.V1;

namespace Dsl.Control.Wire;

/// <summary>A registered rpc: its route, required role, and how to run a call of it.</summary>
internal abstract class ServerMethod
{
    protected ServerMethod(string fullName, Role requiredRole)
    {
        FullName = fullName;
        RequiredRole = requiredRole;
    }

    public string FullName { get; }

    public Role RequiredRole { get; }

    /// <summary>Reads the request, runs the handler and writes its responses; the status is written by the caller.</summary>
    public abstract Task InvokeAsync(ServerCall call);
}
