namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>One signature of a function.</summary>
public sealed record SignatureInformation(string Label, MarkupContent? Documentation, ParameterInformation[] Parameters, int? ActiveParameter = null);
