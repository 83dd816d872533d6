namespace Dsl.Releases.Workspaces;

/// <summary>A workspace command cannot do what was asked; the message says why, for the user.</summary>
public sealed class WorkspaceException(string message) : Exception(message);
