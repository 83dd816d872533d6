using System.Net;
using System.Net.Sockets;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Releases.Api;
using Dsl.Releases.Http;

namespace Dsl.Releases.Tests;

/// <summary>A control server with the git bridge and the Releases rpcs mounted, as the daemon mounts them.</summary>
internal sealed class HttpServer : IAsyncDisposable
{
    private HttpServer(ControlServer server, IssuedToken admin, IssuedToken viewer, IssuedToken otherAdmin)
    {
        Server = server;
        Admin = admin;
        Viewer = viewer;
        OtherAdmin = otherAdmin;
    }

    public ControlServer Server { get; }

    public IssuedToken Admin { get; }

    public IssuedToken Viewer { get; }

    public IssuedToken OtherAdmin { get; }

    /// <summary>The repository's HTTP address, e.g. http://127.0.0.1:PORT/git/jobs.git.</summary>
    public string GitUrl => new Uri(Server.Http1Address ?? throw new InvalidOperationException(), "/git/jobs.git").ToString();

    /// <summary>
    /// Starts on free ports; with <paramref name="adjacentPorts"/> the HTTP/1.1 port is the one after
    /// the gRPC port, as <c>dsl serve</c> listens by default, so that a client can tell the daemon's
    /// address from its repository's URL.
    /// </summary>
    public static async Task<HttpServer> StartAsync(Sandbox sandbox, bool adjacentPorts = false)
    {
        var tokens = new TokenStore(Path.Combine(sandbox.Root, "data"));
        var admin = tokens.Create("alice", Role.Admin);
        var viewer = tokens.Create("watcher", Role.Viewer);
        var otherAdmin = tokens.Create("bob", Role.Admin);
        for (var attempt = 1; ; attempt++)
        {
            var port = adjacentPorts ? FreePort() : 0;
            var server = new ControlServer(new ControlServerOptions
            {
                Authenticator = tokens,
                EndPoint = new IPEndPoint(IPAddress.Loopback, port),
                Http1EndPoint = new IPEndPoint(IPAddress.Loopback, adjacentPorts ? port + 1 : 0),
            });
            server.MapGitHttp(sandbox.Repository);
            server.MapReleases(sandbox.Repository);
            try
            {
                await server.StartAsync();
                return new HttpServer(server, admin, viewer, otherAdmin);
            }
            catch (IOException) when (adjacentPorts && attempt < 10)
            {
                // The port after a free one may be taken, or the free one taken meanwhile: try another pair.
                await server.DisposeAsync();
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public ControlChannel Channel(IssuedToken token) => new(Server.Address, new ControlChannelOptions { Token = token.Secret });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
