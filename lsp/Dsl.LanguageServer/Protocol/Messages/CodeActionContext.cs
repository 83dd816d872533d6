namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>
/// The context of a code action request. The client's copy of the diagnostics is not read:
/// it may hold other tools' diagnostics of any shape, and the server recomputes its own.
/// </summary>
public sealed record CodeActionContext(string[]? Only = null);
