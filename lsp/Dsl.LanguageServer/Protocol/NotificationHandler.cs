using System.Text.Json.Nodes;

namespace Dsl.LanguageServer.Protocol;

/// <summary>Handles one notification. Notifications run in arrival order, one at a time.</summary>
public delegate Task NotificationHandler(JsonNode? parameters, CancellationToken cancellationToken);
