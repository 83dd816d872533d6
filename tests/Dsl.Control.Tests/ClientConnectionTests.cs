using Dsl.Control.Security;
using Dsl.Control.Tests.Infrastructure;
using Dsl.TestUtilities;

namespace Dsl.Control.Tests;

/// <summary>How clients find the daemon and their token: --server/--token, DSL_SERVER/DSL_TOKEN, admin.token.</summary>
public sealed class ClientConnectionTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void The_server_defaults_to_loopback_port_7400()
    {
        var settings = ClientConnection.Resolve(null, "t", null, NoEnvironment);

        Assert.Equal(new Uri("http://127.0.0.1:7400"), settings.Server);
    }

    [Fact]
    public void The_server_option_beats_the_environment()
    {
        var environment = Environment(("DSL_SERVER", "http://daemon:9000"));

        Assert.Equal(new Uri("http://daemon:9000"), ClientConnection.Resolve(null, "t", null, environment).Server);
        Assert.Equal(new Uri("https://other:443"), ClientConnection.Resolve("https://other:443", "t", null, environment).Server);
    }

    [Fact]
    public void A_server_from_the_environment_that_is_not_an_address_is_refused_naming_the_variable()
    {
        var error = Assert.Throws<ServerAddressException>(() => ClientConnection.Resolve(null, "t", null, Environment(("DSL_SERVER", "ftp://host:21"))));

        Assert.Equal("DSL_SERVER: 'ftp://host:21' is not a server address; expected e.g. http://127.0.0.1:7400.", error.Message);
    }

    [Fact]
    public void A_server_without_a_scheme_is_http()
    {
        Assert.Equal(new Uri("http://10.0.0.5:7400"), ClientConnection.ParseServer("10.0.0.5:7400"));
    }

    [Theory]
    [InlineData("ftp://host:21")]
    [InlineData("http://host:7400/path")]
    [InlineData("http://")]
    public void A_server_that_is_not_an_http_address_is_refused(string text)
    {
        Assert.Throws<ServerAddressException>(() => ClientConnection.ParseServer(text));
    }

    [Fact]
    public void The_token_option_beats_the_environment_which_beats_the_admin_token_file()
    {
        File.WriteAllText(_data.Combine("admin.token"), "from-file\n");
        var environment = Environment(("DSL_TOKEN", "from-env"));

        Assert.Equal(("from-option", "--token"), Pick(ClientConnection.Resolve(null, "from-option", _data.Path, environment)));
        Assert.Equal(("from-env", "DSL_TOKEN"), Pick(ClientConnection.Resolve(null, null, _data.Path, environment)));
        Assert.Equal(("from-file", _data.Combine("admin.token")), Pick(ClientConnection.Resolve(null, null, _data.Path, NoEnvironment)));
    }

    /// <summary>
    /// A CA file that is not there is named with where it was named, and is a file-not-found (what
    /// dsl calls a usage error) whether --ca or DSL_CA named it; an http:// daemon needs none.
    /// </summary>
    [Fact]
    public void A_CA_file_that_is_not_there_is_not_found_with_the_option_or_variable_that_named_it()
    {
        const string https = "https://127.0.0.1:7400";
        string missing = _data.Combine("missing.pem");
        string folder = _data.Path;

        var fromOption = Assert.Throws<FileNotFoundException>(() => ClientConnection.Resolve(https, "t", null, NoEnvironment, caOption: missing));
        var fromVariable = Assert.Throws<FileNotFoundException>(() => ClientConnection.Resolve(https, "t", null, Environment(("DSL_CA", missing))));
        var aFolder = Assert.Throws<FileNotFoundException>(() => ClientConnection.Resolve(https, "t", null, NoEnvironment, caOption: folder));

        Assert.Equal($"--ca: no such file: {missing}", fromOption.Message);
        Assert.Equal($"DSL_CA: no such file: {missing}", fromVariable.Message);
        Assert.Equal($"--ca: {folder} is a folder, not a file", aFolder.Message);
        Assert.Null(ClientConnection.Resolve("http://127.0.0.1:7400", "t", null, Environment(("DSL_CA", missing))).TrustedRoots);
    }

    [Fact]
    public void Without_any_token_the_error_says_where_to_put_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClientConnection.Resolve(null, null, _data.Path, NoEnvironment));

        Assert.Contains("--token", error.Message, StringComparison.Ordinal);
        Assert.Contains("DSL_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains(_data.Combine("admin.token"), error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A data directory without admin.token (a command run outside the folder that holds the
    /// daemon's <c>data/</c>) is the usual cause: the message says the file is not there and names
    /// <c>--data</c>, rather than asking to make a missing file readable.
    /// </summary>
    [Fact]
    public void Without_an_admin_token_file_the_error_says_it_is_not_there_and_names_the_data_option()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClientConnection.Resolve(null, null, _data.Path, NoEnvironment));

        Assert.Equal(
            $"No token: pass --token or set DSL_TOKEN, or name the daemon's data directory with --data (there is no {_data.Combine("admin.token")}). An admin creates tokens with 'dsl token create --role ROLE'.",
            error.Message);
    }

    [Fact]
    public void An_empty_admin_token_file_is_named_as_empty()
    {
        File.WriteAllText(_data.Combine("admin.token"), "\n");

        var error = Assert.Throws<InvalidOperationException>(() => ClientConnection.Resolve(null, null, _data.Path, NoEnvironment));

        Assert.Equal(
            $"No token: pass --token or set DSL_TOKEN ({_data.Combine("admin.token")} is empty). An admin creates tokens with 'dsl token create --role ROLE'.",
            error.Message);
    }

    /// <summary>A folder where the file should be is not "no such file": the message says what is there instead.</summary>
    [Fact]
    public void A_folder_in_place_of_the_admin_token_file_is_named_as_a_folder()
    {
        Directory.CreateDirectory(_data.Combine("admin.token"));

        var error = Assert.Throws<InvalidOperationException>(() => ClientConnection.Resolve(null, null, _data.Path, NoEnvironment));

        Assert.Equal(
            $"No token: pass --token or set DSL_TOKEN ({_data.Combine("admin.token")} is a folder, not the token file the daemon writes). An admin creates tokens with 'dsl token create --role ROLE'.",
            error.Message);
    }

    [Fact]
    public void Connection_settings_do_not_print_the_token()
    {
        var settings = ClientConnection.Resolve(null, "dsl_secret", null, NoEnvironment);

        Assert.DoesNotContain("dsl_secret", settings.ToString(), StringComparison.Ordinal);
    }

    private static (string Token, string Source) Pick(ConnectionSettings settings) => (settings.Token, settings.TokenSource);

    private static string? NoEnvironment(string name) => null;

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
