namespace Dsl.Releases.Validation;

/// <summary>One line of what a check reports about a file, as the user reads it.</summary>
public sealed record CheckMessage(bool IsError, string Text);
