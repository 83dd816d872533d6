using Dsl.Compiler.Binding;
using Dsl.Control.V1;

namespace Dsl.Daemon.Releases;

/// <summary>A compiled and loaded job, or why there is none.</summary>
/// <param name="UnbuiltAlarms">
/// Without a job: the <c>alarm</c> rules of the version that did not compile that have no error of
/// their own (the binder keeps only whole rules), so that its failure can still be notified.
/// </param>
public sealed record BuildResult(CompiledVersion? Job, IReadOnlyList<Diagnostic> Diagnostics, string Message, IReadOnlyList<BoundAlarmRule>? UnbuiltAlarms = null);
