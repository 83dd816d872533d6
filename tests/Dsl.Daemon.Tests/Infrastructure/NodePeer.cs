using System.Text.Json;
using Dsl.TestUtilities;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>Runs tests/Dsl.Daemon.Tests/node/daemon.js, an independent grpc-js client, against a daemon.</summary>
internal static class NodePeer
{
    private static readonly NodeScript _script = new(RepoPaths.Combine("tests", "Dsl.Daemon.Tests", "node"), "daemon.js", TimeSpan.FromSeconds(60));

    /// <summary>Runs one scenario with the server's address and its three role tokens.</summary>
    public static Task<JsonElement> RunAsync(string scenario, TestDaemon server) =>
        RunAsync(scenario, server.Daemon.Address, new Dictionary<string, string>
        {
            ["viewer"] = server.Viewer,
            ["operator"] = server.Operator,
            ["admin"] = server.Admin,
        });

    /// <summary>Runs one scenario against any daemon; with <paramref name="ca"/>, over TLS trusting only that PEM file.</summary>
    public static Task<JsonElement> RunAsync(string scenario, Uri address, IReadOnlyDictionary<string, string> tokens, string? ca = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["DSL_PEER_ADDRESS"] = $"{address.Host}:{address.Port}",
            ["DSL_PEER_TOKENS"] = JsonSerializer.Serialize(tokens),
        };
        if (ca is not null)
        {
            environment["DSL_PEER_CA"] = ca;
        }

        return _script.RunAsync(scenario, environment);
    }
}
