using System.Net;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Control.Tests.Infrastructure;

/// <summary>
/// A control server on an ephemeral loopback port with a viewer, an operator and an admin token,
/// and the in-memory services of <see cref="InMemoryServices"/> (plus whatever a test maps).
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly TempDirectory _data = new();
    private readonly List<ControlChannel> _channels = [];

    private TestServer(ControlServer server, TokenStore tokens, InMemoryServices services, IssuedToken viewer, IssuedToken op, IssuedToken admin, TempDirectory data)
    {
        Server = server;
        Tokens = tokens;
        Services = services;
        Viewer = viewer.Secret;
        Operator = op.Secret;
        Admin = admin.Secret;
        _data = data;
    }

    public ControlServer Server { get; }

    public TokenStore Tokens { get; }

    public InMemoryServices Services { get; }

    public Uri Address => Server.Address;

    public string Viewer { get; }

    public string Operator { get; }

    public string Admin { get; }

    public static async Task<TestServer> StartAsync(
        Action<ControlServer>? map = null,
        int maxReceiveMessageSize = 64 * 1024,
        int streamBufferBytes = 64 * 1024,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var data = new TempDirectory();
        var tokens = new TokenStore(data.Path);
        var viewer = tokens.Create("viewer", Role.Viewer);
        var op = tokens.Create("operator", Role.Operator);
        var admin = tokens.Create("admin", Role.Admin);
        var server = new ControlServer(new ControlServerOptions
        {
            Authenticator = tokens,
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            MaxReceiveMessageSize = maxReceiveMessageSize,
            StreamBufferBytes = streamBufferBytes,
            LoggerFactory = loggerFactory,
        });
        var services = new InMemoryServices();
        services.Register(server);
        map?.Invoke(server);
        await server.StartAsync();
        return new TestServer(server, tokens, services, viewer, op, admin, data);
    }

    /// <summary>A client channel with the given token, disposed with the server.</summary>
    public ControlChannel Channel(string? token, int maxReceiveMessageSize = 4 * 1024 * 1024)
    {
        var channel = new ControlChannel(Address, new ControlChannelOptions { Token = token, MaxReceiveMessageSize = maxReceiveMessageSize });
        _channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        await Server.DisposeAsync();
        _data.Dispose();
    }
}
