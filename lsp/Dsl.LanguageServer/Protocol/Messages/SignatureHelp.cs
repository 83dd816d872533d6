namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The signature help answer.</summary>
public sealed record SignatureHelp(SignatureInformation[] Signatures, int ActiveSignature, int ActiveParameter);
