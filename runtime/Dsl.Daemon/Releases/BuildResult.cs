using Dsl.Control.V1;

namespace Dsl.Daemon.Releases;

/// <summary>A compiled and loaded job, or why there is none.</summary>
public sealed record BuildResult(CompiledVersion? Job, IReadOnlyList<Diagnostic> Diagnostics, string Message);
