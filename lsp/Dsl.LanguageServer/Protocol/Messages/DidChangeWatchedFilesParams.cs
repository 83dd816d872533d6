namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>workspace/didChangeWatchedFiles: files the client's watcher saw created, changed or deleted on disk.</summary>
public sealed record DidChangeWatchedFilesParams(FileEvent[] Changes);
