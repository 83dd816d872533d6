namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>A range between two positions; the end is exclusive.</summary>
public sealed record Range(Position Start, Position End);
