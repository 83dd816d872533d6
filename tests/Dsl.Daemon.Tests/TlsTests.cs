using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Dsl.Control.Security;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;

namespace Dsl.Daemon.Tests;

/// <summary>
/// <c>dsl serve --tls-cert --tls-key</c> with a certificate from a private CA: every client that
/// trusts the CA reaches gRPC, HTTP and git on the one TLS port; a client that does not is refused.
/// </summary>
public sealed class TlsTests
{
    [NodeFact]
    public async Task A_daemon_with_a_certificate_serves_grpc_http_and_git_over_tls_to_clients_that_trust_its_ca()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        (string ca, string certificate, string key) = PrivateCa.Issue(temp.Path);

        using var daemon = DaemonProcess.Start(data, ["--tls-cert", certificate, "--tls-key", key]);
        Assert.Equal("https", daemon.Address.Scheme);
        Assert.Equal(daemon.Address, daemon.Http);

        // No cleartext port beside it, where the default would have put one.
        using (var probe = new System.Net.Sockets.TcpClient())
        {
            await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync("127.0.0.1", daemon.Address.Port + 1));
        }

        string server = daemon.Address.ToString();
        string admin = File.ReadAllText(Path.Combine(data, TokenStore.AdminTokenFileName)).Trim();

        // A release with git over https, trusting the CA through --ca; without it, git's refusal
        // comes with what to do.
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        workspace.Commit("doubler");
        var refused = DslCommand.RunIn(workspace.Root, "release", "--server", server, "--token", admin);
        Assert.Equal(1, refused.Code);
        Assert.True(refused.Stderr.Contains("dsl release: the daemon's certificate is not trusted: pass --ca FILE (or set DSL_CA)", StringComparison.Ordinal), refused.Stderr);
        var released = DslCommand.RunIn(workspace.Root, "release", "--server", server, "--token", admin, "--ca", ca);
        Assert.True(released.Code == 0, released.Stderr);
        Assert.Contains("released doubler/v1", released.Stderr, StringComparison.Ordinal);

        // The other commands that reach the daemon take --ca too, as their TLS advice says.
        var locked = DslCommand.RunIn(workspace.Root, "lock", "doubler", "--server", server, "--token", admin, "--ca", ca);
        Assert.True(locked.Code == 0, locked.Stderr);
        var log = DslCommand.RunIn(workspace.Root, "log", "doubler", "--server", server, "--token", admin, "--ca", ca);
        Assert.True(log.Code == 0 && log.Stderr.Length == 0, log.Stderr);
        Assert.Contains("doubler/v1", log.Stdout, StringComparison.Ordinal);
        var reverted = DslCommand.RunIn(workspace.Root, "revert", "doubler", "--server", server, "--token", admin, "--ca", ca);
        Assert.True(reverted.Code == 0, reverted.Stderr);
        var unlocked = DslCommand.RunIn(workspace.Root, "unlock", "doubler", "--server", server, "--token", admin, "--ca", ca);
        Assert.Equal((0, "Unlocked doubler."), (unlocked.Code, unlocked.Stdout.Trim()));

        // The CLI over gRPC with TLS.
        var list = await Eventually.WaitAsync(
            () => Task.FromResult(DslCommand.Run("jobs", "list", "--server", server, "--data", data, "--ca", ca)),
            r => r.Code == 0 && r.Stdout.Contains("doubler", StringComparison.Ordinal),
            "the released job in dsl jobs list");
        Assert.Matches(@"doubler\s+released\s+1", list.Stdout);

        // Without the CA the system's roots do not know the certificate: refused, and said so.
        var untrusted = DslCommand.Run("jobs", "list", "--server", server, "--data", data);
        Assert.Equal(1, untrusted.Code);
        Assert.Contains("over TLS: The remote certificate is invalid because of errors in the certificate chain", untrusted.Stderr, StringComparison.Ordinal);
        Assert.Contains("Trust it with --ca FILE (or DSL_CA)", untrusted.Stderr, StringComparison.Ordinal);
        // A CA file that is not there is a usage error, as any file the command line names.
        var missing = DslCommand.Run("jobs", "list", "--server", server, "--data", data, "--ca", temp.Combine("missing.pem"));
        Assert.Equal((2, $"dsl jobs: --ca: no such file: {temp.Combine("missing.pem")}"), (missing.Code, missing.Stderr.Trim()));
        var missingForGit = DslCommand.RunIn(workspace.Root, "release", "--server", server, "--token", admin, "--ca", temp.Combine("missing.pem"));
        Assert.Equal((2, $"dsl release: --ca: no such file: {temp.Combine("missing.pem")}"), (missingForGit.Code, missingForGit.Stderr.Trim()));

        // An independent gRPC client (grpc-js) that trusts only the CA.
        JsonElement peer = await NodePeer.RunAsync("tls", daemon.Address, new Dictionary<string, string> { ["admin"] = admin }, ca);
        Assert.Equal("doubler", peer.GetProperty("list").GetProperty("response").GetProperty("jobs")[0].GetProperty("name").GetString());
        Assert.Equal("UNAUTHENTICATED", peer.GetProperty("missing").GetProperty("error").GetProperty("status").GetString());

        // Plain HTTP/1.1 routes on the same TLS port.
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = TlsFiles.TrustingAlso(TlsFiles.LoadRoots(ca));
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(daemon.Http, "/metrics")) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using HttpResponseMessage metrics = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("doubler", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_without_its_key_or_with_another_key_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        (_, string certificate, _) = PrivateCa.Issue(temp.Path);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string otherKey = temp.Combine("other.key");
        File.WriteAllText(otherKey, other.ExportPkcs8PrivateKeyPem());

        var alone = DslCommand.Run("serve", "--data", temp.Combine("data"), "--listen", "127.0.0.1:0", "--tls-cert", certificate);
        var mismatched = DslCommand.Run("serve", "--data", temp.Combine("data"), "--listen", "127.0.0.1:0", "--tls-cert", certificate, "--tls-key", otherKey);

        Assert.Equal((2, "dsl serve: --tls-cert and --tls-key go together"), (alone.Code, alone.Stderr.Trim()));
        Assert.Equal(2, mismatched.Code);
        Assert.Contains("are not a PEM certificate and its private key", mismatched.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tls_call_to_a_daemon_without_a_certificate_says_the_port_may_not_speak_tls()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string authority = daemon.Daemon.Address.Authority;

        var listed = DslCommand.Run("jobs", "list", "--server", $"https://{authority}", "--token", daemon.Viewer);

        Assert.Equal(1, listed.Code);
        Assert.EndsWith($"The port may not speak TLS: a daemon without a certificate is reached at http://{authority}.", listed.Stderr.Trim(), StringComparison.Ordinal);
    }
}
