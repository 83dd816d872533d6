namespace Dsl.Runtime.Jobs;

/// <summary>
/// The type a job assembly exports: its manifest and a factory for a run. Generated code derives
/// one sealed class from it per job; it must be stateless, because the runtime creates one
/// <see cref="JobInstance"/> per run (or per partition).
/// </summary>
public abstract class CompiledJob
{
    public abstract JobManifest Manifest { get; }

    /// <summary>Creates the operators of one run; they take their state tables from the context's store.</summary>
    public abstract JobInstance CreateInstance(JobContext context);
}
