using System.Text.Json;
using Dsl.TestUtilities;

namespace Dsl.Control.Tests.Infrastructure;

/// <summary>Runs tests/Dsl.Control.Tests/node/peer.js, an independent grpc-js client, against a server.</summary>
internal static class NodePeer
{
    private static readonly NodeScript _script = new(RepoPaths.Combine("tests", "Dsl.Control.Tests", "node"), "peer.js", TimeSpan.FromSeconds(60));

    /// <summary>Runs one scenario with the server's address and its three role tokens.</summary>
    public static Task<JsonElement> RunAsync(string scenario, TestServer server) =>
        _script.RunAsync(scenario, new Dictionary<string, string>
        {
            ["DSL_PEER_ADDRESS"] = $"{server.Address.Host}:{server.Address.Port}",
            ["DSL_PEER_TOKENS"] = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["viewer"] = server.Viewer,
                ["operator"] = server.Operator,
                ["admin"] = server.Admin,
            }),
        });
}
