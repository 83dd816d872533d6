namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>One parameter; the label is a substring of the signature label.</summary>
public sealed record ParameterInformation(string Label, MarkupContent? Documentation = null);
