using System.Text.Json.Nodes;

namespace Dsl.LanguageServer.Protocol;

/// <summary>Answers one request: the result node (null for a JSON null result), or a <see cref="JsonRpcException"/>.</summary>
public delegate Task<JsonNode?> RequestHandler(JsonNode? parameters, CancellationToken cancellationToken);
