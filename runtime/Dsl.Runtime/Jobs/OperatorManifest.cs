namespace Dsl.Runtime.Jobs;

/// <summary>
/// One operator instance of the job. The fingerprint hashes the operator's configuration and
/// state layout: a new version of the job may keep the old state only where fingerprints match.
/// </summary>
public sealed record OperatorManifest(string Name, string Kind, string Fingerprint);
