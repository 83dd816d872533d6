using Dsl.Control.V1;

namespace Dsl.Daemon.Releases;

/// <summary>What <see cref="IReleaseTarget.Deploy"/> did.</summary>
/// <param name="Success">False when the job does not compile (see <paramref name="Diagnostics"/>) or could not be deployed.</param>
/// <param name="Changed">True when a new version went online.</param>
/// <param name="Message">Why it failed, or what happened.</param>
public sealed record DeployResult(bool Success, bool Changed, string Message, IReadOnlyList<Diagnostic> Diagnostics);
