namespace Dsl.Releases.Validation;

/// <summary>A push to <c>release</c>, as the pre-receive hook sees it.</summary>
/// <param name="OldCommit">What <c>release</c> points at now, or null for the first release.</param>
/// <param name="Pusher">Who pushes: the token name over HTTP, the user otherwise (for hard locks).</param>
/// <param name="Restart">The pusher asked for <c>git push -o restart</c>.</param>
public sealed record ReleaseRequest(string GitDirectory, string? OldCommit, string NewCommit, string Pusher, bool Restart);
