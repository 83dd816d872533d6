using System.Text.Json.Nodes;
using Dsl.Control.Security;
using Dsl.Control.Tests.Infrastructure;
using Dsl.Control.V1;
using Dsl.TestUtilities;
using Microsoft.Extensions.Logging;

namespace Dsl.Control.Tests;

/// <summary>Tokens in DATA/config.json: hashing, roles, bootstrap, revocation and file modes.</summary>
public sealed class TokenStoreTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void A_created_token_authenticates_as_its_name_and_role()
    {
        var store = new TokenStore(_data.Path);

        var issued = store.Create("ci-bot", Role.Operator);

        Assert.Equal(new Caller("ci-bot", Role.Operator), store.Authenticate(issued.Secret));
        Assert.StartsWith("dsl_", issued.Secret, StringComparison.Ordinal);
        Assert.Equal(47, issued.Secret.Length);
    }

    [Fact]
    public void Tokens_are_stored_as_salted_sha256_hashes_and_never_in_clear()
    {
        var store = new TokenStore(_data.Path);
        var first = store.Create("one", Role.Viewer);
        var second = store.Create("two", Role.Viewer);

        var text = File.ReadAllText(store.ConfigPath);
        var entries = (JsonNode.Parse(text)?["tokens"] as JsonArray ?? []).Select(e => e?.AsObject()).ToArray();

        Assert.DoesNotContain(first.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Secret[4..], text, StringComparison.Ordinal);
        Assert.Equal(2, entries.Length);
        Assert.All(entries, e => Assert.Equal(["name", "role", "created", "salt", "sha256"], e?.Select(p => p.Key)));
        Assert.NotEqual(entries[0]?["salt"]?.GetValue<string>(), entries[1]?["salt"]?.GetValue<string>());
        Assert.Equal(32, Convert.FromBase64String(entries[0]?["sha256"]?.GetValue<string>() ?? string.Empty).Length);
        Assert.Equal("viewer", entries[1]?["role"]?.GetValue<string>());
        Assert.NotNull(store.Authenticate(second.Secret));
    }

    [Fact]
    public void A_wrong_or_empty_or_huge_token_authenticates_nobody()
    {
        var store = new TokenStore(_data.Path);
        var issued = store.Create("one", Role.Admin);

        Assert.Null(store.Authenticate(issued.Secret + "x"));
        Assert.Null(store.Authenticate(issued.Secret[..^1]));
        Assert.Null(store.Authenticate(string.Empty));
        Assert.Null(store.Authenticate(new string('a', 100_000)));
    }

    [Fact]
    public void A_revoked_token_no_longer_authenticates_and_others_still_do()
    {
        var store = new TokenStore(_data.Path);
        var kept = store.Create("kept", Role.Viewer);
        var revoked = store.Create("revoked", Role.Viewer);

        Assert.True(store.Revoke("revoked"));

        Assert.Null(store.Authenticate(revoked.Secret));
        Assert.NotNull(store.Authenticate(kept.Secret));
        Assert.False(store.Revoke("revoked"));
        Assert.Equal(["kept"], store.List().Select(t => t.Name));
    }

    [Fact]
    public void A_token_created_by_another_process_is_accepted_without_a_restart()
    {
        var daemon = new TokenStore(_data.Path);
        daemon.EnsureAdminToken();
        Assert.Null(daemon.Authenticate("dsl_unknown"));

        var cli = new TokenStore(_data.Path);
        var issued = cli.Create("later", Role.Operator);

        Assert.Equal(Role.Operator, daemon.Authenticate(issued.Secret)?.Role);
        Assert.True(cli.Revoke("later"));
        Assert.Null(daemon.Authenticate(issued.Secret));
    }

    /// <summary>
    /// config.json kept elsewhere and linked in, as Kubernetes mounts a secret: a link into a folder
    /// that appears, and is replaced, when the secret is written. The daemon goes by the file the
    /// link leads to, not by the link, which no write changes.
    /// </summary>
    [Fact]
    public void A_linked_config_file_is_read_again_when_its_target_appears_or_changes()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var data = Directory.CreateDirectory(Path.Combine(_data.Path, "data")).FullName;
        var mounted = Path.Combine(_data.Path, "mounted");
        File.CreateSymbolicLink(Path.Combine(data, TokenStore.ConfigFileName), Path.Combine(mounted, "current", TokenStore.ConfigFileName));
        var daemon = new TokenStore(data);
        Assert.Empty(daemon.List());
        Assert.Null(daemon.Authenticate("dsl_unknown"));

        Directory.CreateDirectory(Path.Combine(mounted, "v1"));
        Directory.CreateSymbolicLink(Path.Combine(mounted, "current"), "v1");
        var writer = new TokenStore(Path.Combine(mounted, "v1"));
        var first = writer.Create("first", Role.Operator);
        Assert.Equal(new Caller("first", Role.Operator), daemon.Authenticate(first.Secret));

        var second = writer.Create("second", Role.Viewer);
        Assert.Equal(new Caller("second", Role.Viewer), daemon.Authenticate(second.Secret));
        Assert.True(writer.Revoke("first"));
        Assert.Null(daemon.Authenticate(first.Secret));
    }

    /// <summary>A token created through the link is written where the link leads, and the link stays.</summary>
    [Fact]
    public void A_token_created_through_a_linked_config_file_keeps_the_link()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var data = Directory.CreateDirectory(Path.Combine(_data.Path, "data")).FullName;
        var kept = Path.Combine(Directory.CreateDirectory(Path.Combine(_data.Path, "kept")).FullName, TokenStore.ConfigFileName);
        File.CreateSymbolicLink(Path.Combine(data, TokenStore.ConfigFileName), kept);

        var issued = new TokenStore(data).Create("ci", Role.Operator);

        Assert.NotNull(new FileInfo(Path.Combine(data, TokenStore.ConfigFileName)).LinkTarget);
        Assert.Equal(new Caller("ci", Role.Operator), new TokenStore(Path.GetDirectoryName(kept)!).Authenticate(issued.Secret));
    }

    [Fact]
    public void First_start_creates_an_admin_token_in_a_file_only_its_owner_can_read()
    {
        var store = new TokenStore(Path.Combine(_data.Path, "fresh"));

        var result = store.EnsureAdminToken();

        Assert.True(result.Created);
        Assert.Equal(Path.Combine(_data.Path, "fresh", "admin.token"), result.AdminTokenPath);
        var secret = File.ReadAllText(result.AdminTokenPath).Trim();
        Assert.Equal(new Caller("admin", Role.Admin), store.Authenticate(secret));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(result.AdminTokenPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.ConfigPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.DataDirectory));
        }
    }

    [Fact]
    public void Later_starts_keep_the_existing_tokens()
    {
        var store = new TokenStore(_data.Path);
        var first = store.EnsureAdminToken();
        var secret = File.ReadAllText(first.AdminTokenPath);

        var second = new TokenStore(_data.Path).EnsureAdminToken();

        Assert.False(second.Created);
        Assert.Equal(secret, File.ReadAllText(first.AdminTokenPath));
        Assert.Single(store.List());
    }

    [Fact]
    public void Revoking_the_first_start_token_deletes_the_admin_token_file()
    {
        var store = new TokenStore(_data.Path);
        var result = store.EnsureAdminToken();

        Assert.True(store.Revoke(TokenStore.BootstrapTokenName));

        Assert.False(File.Exists(result.AdminTokenPath));
    }

    [Fact]
    public void Sections_of_config_json_that_are_not_tokens_are_kept()
    {
        var path = Path.Combine(_data.Path, "config.json");
        File.WriteAllText(path, """{ "alarms": { "ops": { "webhook": "http://example/hook" } }, "maxPause": "24h" }""");

        new TokenStore(_data.Path).Create("one", Role.Viewer);

        var root = JsonNode.Parse(File.ReadAllText(path));
        Assert.Equal("http://example/hook", root?["alarms"]?["ops"]?["webhook"]?.GetValue<string>());
        Assert.Equal("24h", root?["maxPause"]?.GetValue<string>());
        Assert.Single(root?["tokens"]?.AsArray() ?? []);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    public void A_token_name_must_be_a_simple_identifier(string name)
    {
        Assert.Throws<ArgumentException>(() => new TokenStore(_data.Path).Create(name, Role.Viewer));
    }

    [Fact]
    public void A_token_created_without_a_name_is_named_after_its_role()
    {
        var store = new TokenStore(_data.Path);

        var first = store.Create(Role.Operator);
        var second = store.Create(Role.Operator);

        Assert.Equal(("operator-1", "operator-2"), (first.Name, second.Name));
        Assert.Equal(Role.Operator, store.Authenticate(second.Secret)?.Role);
    }

    [Fact]
    public void Two_tokens_cannot_share_a_name()
    {
        var store = new TokenStore(_data.Path);
        store.Create("same", Role.Viewer);

        var error = Assert.Throws<InvalidOperationException>(() => store.Create("same", Role.Admin));

        Assert.Contains("revoke it first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hand_broken_config_file_admits_nobody_and_mutations_say_where()
    {
        var store = new TokenStore(_data.Path);
        var issued = store.Create("one", Role.Admin);
        File.WriteAllText(store.ConfigPath, "{ not json");

        Assert.Null(store.Authenticate(issued.Secret));
        var error = Assert.Throws<InvalidDataException>(() => store.Create("two", Role.Viewer));
        Assert.Contains(store.ConfigPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_in_place_of_config_json_is_reported_not_taken_for_an_empty_list()
    {
        var store = new TokenStore(_data.Path);
        Directory.CreateDirectory(store.ConfigPath);

        var listing = Assert.Throws<InvalidDataException>(() => store.List());
        Assert.Equal($"{store.ConfigPath} is a folder, not a file.", listing.Message);
        var revoking = Assert.Throws<InvalidDataException>(() => store.Revoke("admin"));
        Assert.Equal(listing.Message, revoking.Message);
        Assert.Null(store.Authenticate("dsl_anything"));
    }

    [Fact]
    public void A_hand_broken_config_file_is_logged_once_with_its_position_until_it_reads_well_again()
    {
        var log = new RecordingLogger();
        var store = new TokenStore(_data.Path, log: log);
        var issued = store.Create("one", Role.Admin);
        string good = File.ReadAllText(store.ConfigPath);
        File.WriteAllText(store.ConfigPath, "{\n  \"tokens\": [],\n}\n");

        Assert.Null(store.Authenticate(issued.Secret));
        Assert.Null(store.Authenticate(issued.Secret));
        var warning = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(
            $"no token is accepted until config.json is fixed: {store.ConfigPath}: not valid JSON at line 3, column 1: The JSON object contains a trailing comma at the end, which JSON does not allow.",
            warning.Message);
        var listing = Assert.Throws<InvalidDataException>(() => store.List());
        Assert.StartsWith($"{store.ConfigPath}: not valid JSON at line 3, column 1: ", listing.Message, StringComparison.Ordinal);

        File.WriteAllText(store.ConfigPath, good);
        Assert.Equal(new Caller("one", Role.Admin), store.Authenticate(issued.Secret));
        Assert.Equal(LogLevel.Information, log.Lines[^1].Level);
        Assert.Equal(2, log.Lines.Length);
    }

    [Fact]
    public void Roles_are_ordered_viewer_operator_admin()
    {
        Assert.True(Roles.Includes(Role.Admin, Role.Operator));
        Assert.True(Roles.Includes(Role.Operator, Role.Viewer));
        Assert.True(Roles.Includes(Role.Viewer, Role.Viewer));
        Assert.False(Roles.Includes(Role.Viewer, Role.Operator));
        Assert.False(Roles.Includes(Role.Operator, Role.Admin));
        Assert.False(Roles.Includes(Role.Unspecified, Role.Viewer));
        Assert.True(Roles.TryParse("Operator", out var parsed) && parsed == Role.Operator);
        Assert.False(Roles.TryParse("root", out _));
    }

    [Fact]
    public void An_issued_token_does_not_show_its_secret_when_printed()
    {
        var issued = new TokenStore(_data.Path).Create("quiet", Role.Viewer);

        Assert.DoesNotContain(issued.Secret, issued.ToString(), StringComparison.Ordinal);
    }
}
