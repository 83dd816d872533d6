using System.Reflection;
using System.Runtime.Loader;

namespace Dsl.Runtime.Hosting;

/// <summary>
/// The context of one job assembly. It resolves nothing itself, so the runtime and the framework
/// come from the default context: the job's <see cref="Jobs.CompiledJob"/> is then the host's
/// type, and unloading (of a collectible context) drops only the job's own code.
/// </summary>
internal sealed class JobLoadContext : AssemblyLoadContext
{
    public JobLoadContext(string name, bool collectible)
        : base(name, collectible)
    {
    }

    protected override Assembly? Load(AssemblyName assemblyName) => null;
}
