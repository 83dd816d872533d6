namespace Dsl.Releases.Versions;

/// <summary>One release of a job: the tag <c>JOB/vN</c> and what it points at.</summary>
public sealed record ReleasedVersion(string Job, int Version, string Tag, string Commit, DateTimeOffset ReleasedAt, string ReleasedBy, string Author, string Message);
