using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.Tests.Infrastructure;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Microsoft.AspNetCore.Http;

namespace Dsl.Control.Tests;

/// <summary>Registering handlers and routes, binding endpoints, and TLS.</summary>
public sealed class ServerHostingTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Registering_an_rpc_twice_is_refused()
    {
        var server = NewServer();
        server.MapUnary(JobsApi.List, (_, _) => Task.FromResult(new ListJobsResponse()));

        Assert.Throws<InvalidOperationException>(() => server.MapUnary(JobsApi.List, (_, _) => Task.FromResult(new ListJobsResponse())));
    }

    [Fact]
    public void Registering_an_rpc_with_a_handler_of_another_shape_is_refused()
    {
        var server = NewServer();

        Assert.Throws<ArgumentException>(() => server.MapUnary(JobsApi.Watch, (_, _) => Task.FromResult(new JobStatusEvent())));
    }

    [Fact]
    public async Task Registering_after_the_server_started_is_refused()
    {
        await using var server = NewServer();
        await server.StartAsync();

        Assert.Throws<InvalidOperationException>(() => server.MapUnary(JobsApi.List, (_, _) => Task.FromResult(new ListJobsResponse())));
    }

    [Fact]
    public async Task A_server_asked_for_port_zero_reports_the_port_it_bound_on_loopback()
    {
        await using var server = NewServer();
        server.MapUnary<ListJobsRequest, ListJobsResponse>("dsl.control.v1.Jobs/List", (_, _) => Task.FromResult(new ListJobsResponse()), Role.Viewer);
        await server.StartAsync();

        Assert.Equal("127.0.0.1", server.Address.Host);
        Assert.NotEqual(0, server.Address.Port);
        Assert.Equal(["dsl.control.v1.Jobs/List"], server.Methods);
    }

    [Fact]
    public async Task A_plain_http_route_needs_a_token_with_its_role()
    {
        var tokens = new TokenStore(_data.Path);
        var viewer = tokens.Create("viewer", Role.Viewer).Secret;
        var admin = tokens.Create("admin", Role.Admin).Secret;
        await using var server = NewServer(tokens);
        server.MapHttp("/metrics", Role.Viewer, http => http.Response.WriteAsync($"caller {ControlServer.GetCaller(http)?.Name}\n"));
        server.MapHttp("/git/", Role.Admin, http => http.Response.WriteAsync(http.Request.Path.Value ?? string.Empty));
        await server.StartAsync();

        Assert.Equal((HttpStatusCode.OK, "caller viewer\n"), await GetAsync(server.Address, "/metrics", Bearer(viewer)));
        Assert.Equal(
            (HttpStatusCode.Unauthorized, "A token is needed: send Authorization: Bearer TOKEN (dsl token create --role ROLE makes one).\n"),
            await GetAsync(server.Address, "/metrics", null));
        Assert.Equal(
            (HttpStatusCode.Unauthorized, "The token is not known to this daemon (revoked, or from another data directory).\n"),
            await GetAsync(server.Address, "/metrics", Bearer("dsl_" + new string('x', 40))));
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(server.Address, "/git/jobs.git/info/refs", Bearer(viewer))).Status);
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("git:" + admin)));
        Assert.Equal((HttpStatusCode.OK, "/git/jobs.git/info/refs"), await GetAsync(server.Address, "/git/jobs.git/info/refs", basic));
    }

    /// <summary>
    /// While config.json does not read, no token is accepted: the refusal says so, over gRPC and
    /// plain HTTP alike, rather than that the caller's token is unknown (which would send its owner
    /// looking for a revocation); what is wrong in the file is for the daemon's log only.
    /// </summary>
    [Fact]
    public async Task While_config_json_does_not_read_a_refusal_says_so_not_that_the_token_is_unknown()
    {
        var tokens = new TokenStore(_data.Path);
        var viewer = tokens.Create("viewer", Role.Viewer).Secret;
        await using var server = NewServer(tokens);
        server.MapUnary(JobsApi.List, (_, _) => Task.FromResult(new ListJobsResponse()));
        server.MapHttp("/metrics", Role.Viewer, http => http.Response.WriteAsync("ok\n"));
        await server.StartAsync();
        string good = File.ReadAllText(tokens.ConfigPath);
        File.WriteAllText(tokens.ConfigPath, "{\n  \"tokens\": [],\n}\n");

        const string Refusal = "No token is accepted until the daemon's config.json is fixed: it does not read (the daemon's log says why).";
        Assert.Equal((HttpStatusCode.Unauthorized, Refusal + "\n"), await GetAsync(server.Address, "/metrics", Bearer(viewer)));
        using var channel = new ControlChannel(server.Address, new ControlChannelOptions { Token = viewer });
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(JobsApi.List, new ListJobsRequest()));
        Assert.Equal((StatusCode.Unauthenticated, Refusal), (error.Status, error.Message));

        // A caller without a token is told the same: told to send one, it would send it to be refused.
        Assert.Equal((HttpStatusCode.Unauthorized, Refusal + "\n"), await GetAsync(server.Address, "/metrics", null));
        using var anonymous = new ControlChannel(server.Address, new ControlChannelOptions());
        var unsent = await Assert.ThrowsAsync<RpcException>(() => anonymous.UnaryAsync(JobsApi.List, new ListJobsRequest()));
        Assert.Equal((StatusCode.Unauthenticated, Refusal), (unsent.Status, unsent.Message));

        File.WriteAllText(tokens.ConfigPath, good);
        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync(server.Address, "/metrics", Bearer(viewer)));
        Assert.Equal(
            (HttpStatusCode.Unauthorized, "The token is not known to this daemon (revoked, or from another data directory).\n"),
            await GetAsync(server.Address, "/metrics", Bearer("dsl_" + new string('x', 40))));
    }

    /// <summary>
    /// An HTTP request may stay open as long as a call (a gateway's chunked POST /ingest): revoking
    /// its token cuts it, as it ends a call in progress, instead of letting it go on forever.
    /// </summary>
    [Fact]
    public async Task An_http_request_in_progress_is_cut_once_its_token_is_revoked()
    {
        var tokens = new TokenStore(_data.Path);
        var operatorToken = tokens.Create("gateway", Role.Operator).Secret;
        await using var server = NewServer(tokens);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.MapHttp("/ingest", Role.Operator, async http =>
        {
            started.TrySetResult();
            await http.Response.WriteAsync("open\n");
            await http.Response.Body.FlushAsync();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                cut.TrySetResult();
            }
        });
        await server.StartAsync();

        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "/ingest"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Authorization = Bearer(operatorToken);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(tokens.Revoke("gateway"));

        await cut.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task The_optional_http1_endpoint_serves_plain_routes_to_http11_clients()
    {
        var tokens = new TokenStore(_data.Path);
        var viewer = tokens.Create("viewer", Role.Viewer).Secret;
        await using var server = new ControlServer(new ControlServerOptions
        {
            Authenticator = tokens,
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Http1EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        });
        server.MapHttp("/metrics", Role.Viewer, http => http.Response.WriteAsync(http.Request.Protocol));
        await server.StartAsync();

        var http1 = server.Http1Address ?? throw new InvalidOperationException("no HTTP/1.1 address");
        Assert.NotEqual(server.Address.Port, http1.Port);
        Assert.Equal((HttpStatusCode.OK, "HTTP/1.1"), await GetAsync(http1, "/metrics", Bearer(viewer), HttpVersion.Version11));
    }

    [Fact]
    public async Task A_tls_endpoint_serves_rpcs_over_https()
    {
        var tokens = new TokenStore(_data.Path);
        var viewer = tokens.Create("viewer", Role.Viewer).Secret;
        using var certificate = SelfSigned();
        await using var server = await StartTlsServerAsync(tokens, certificate);

        var trustingHandler = new SocketsHttpHandler();
        trustingHandler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString();
        using var channel = new ControlChannel(server.Address, new ControlChannelOptions { Token = viewer, Handler = trustingHandler });
        var response = await channel.UnaryAsync(JobsApi.List, new ListJobsRequest());

        Assert.Equal("https", server.Address.Scheme);
        Assert.Equal("tls", Assert.Single(response.Jobs).Name);
    }

    [Fact]
    public async Task A_client_trusts_a_self_signed_daemon_named_by_DSL_CA_and_no_other()
    {
        var tokens = new TokenStore(_data.Path);
        var viewer = tokens.Create("viewer", Role.Viewer).Secret;
        using var certificate = SelfSigned("CN=dsl daemon"); // for 127.0.0.1 only
        using var stranger = SelfSigned();
        string trusted = _data.Combine("daemon.pem");
        string other = _data.Combine("other.pem");
        File.WriteAllText(trusted, certificate.ExportCertificatePem());
        File.WriteAllText(other, stranger.ExportCertificatePem());
        await using var server = await StartTlsServerAsync(tokens, certificate);
        ControlChannel Channel(string? ca, string? host = null) => new(ClientConnection.Resolve(
            new UriBuilder(server.Address) { Host = host ?? server.Address.Host }.Uri.ToString(), viewer, null, name => name == "DSL_CA" ? ca : null));

        using (var channel = Channel(trusted))
        {
            Assert.Equal("tls", Assert.Single((await channel.UnaryAsync(JobsApi.List, new ListJobsRequest())).Jobs).Name);
        }

        // Another certificate, the system's roots alone, or the right certificate under a name it lacks: refused.
        foreach (var (ca, host) in new[] { (other, (string?)null), (null, null), (trusted, "localhost") })
        {
            using var channel = Channel(ca, host);
            var refused = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(JobsApi.List, new ListJobsRequest()));
            Assert.Equal(StatusCode.Unavailable, refused.Status);
        }
    }

    [Theory]
    [InlineData("127.0.0.1:7400", "127.0.0.1", 7400)]
    [InlineData("localhost:0", "127.0.0.1", 0)]
    [InlineData(":8080", "127.0.0.1", 8080)]
    [InlineData("[::1]:7400", "::1", 7400)]
    [InlineData("0.0.0.0:7400", "0.0.0.0", 7400)]
    public void A_listen_address_is_host_and_port(string text, string address, int port)
    {
        var endPoint = ListenAddress.Parse(text);

        Assert.Equal((IPAddress.Parse(address), port), (endPoint.Address, endPoint.Port));
    }

    [Theory]
    [InlineData("7400")]
    [InlineData("host.example:7400")]
    [InlineData("127.0.0.1:99999")]
    public void A_listen_address_without_a_port_or_with_a_host_name_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => ListenAddress.Parse(text));
    }

    private ControlServer NewServer(TokenStore? tokens = null) => new(new ControlServerOptions
    {
        Authenticator = tokens ?? new TokenStore(_data.Path),
        EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
    });

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(Uri address, string path, AuthenticationHeaderValue? authorization, Version? version = null)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, path))
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Authorization = authorization;
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A server on a free loopback port speaking TLS with <paramref name="certificate"/>, whose Jobs.List answers one job, "tls".</summary>
    private static async Task<ControlServer> StartTlsServerAsync(TokenStore tokens, X509Certificate2 certificate)
    {
        var server = new ControlServer(new ControlServerOptions
        {
            Authenticator = tokens,
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Certificate = certificate,
        });
        server.MapUnary(JobsApi.List, (_, _) => Task.FromResult(new ListJobsResponse { Jobs = { new JobSummary { Name = "tls" } } }));
        await server.StartAsync();
        return server;
    }

    private static X509Certificate2 SelfSigned(string subject = "CN=localhost")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
