using System.Net;
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

    public static async Task<HttpServer> StartAsync(Sandbox sandbox)
    {
        var tokens = new TokenStore(Path.Combine(sandbox.Root, "data"));
        var admin = tokens.Create("alice", Role.Admin);
        var viewer = tokens.Create("watcher", Role.Viewer);
        var otherAdmin = tokens.Create("bob", Role.Admin);
        var server = new ControlServer(new ControlServerOptions
        {
            Authenticator = tokens,
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Http1EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        });
        server.MapGitHttp(sandbox.Repository);
        server.MapReleases(sandbox.Repository);
        await server.StartAsync();
        return new HttpServer(server, admin, viewer, otherAdmin);
    }

    public ControlChannel Channel(IssuedToken token) => new(Server.Address, new ControlChannelOptions { Token = token.Secret });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
