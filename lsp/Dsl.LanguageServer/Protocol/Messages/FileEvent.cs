namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>One file a watcher saw change; <paramref name="Type"/> is 1 created, 2 changed, 3 deleted.</summary>
public sealed record FileEvent(string Uri, int Type);
