using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>
/// <c>dsl serve</c> refuses what it cannot do in one line and touches nothing: a data directory
/// another daemon serves, a port another process holds.
/// </summary>
public sealed class DataDirectoryTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    /// <summary>The daemon logs to its standard output: it makes no log folder in the data directory, which would stay empty.</summary>
    [Fact]
    public async Task The_data_directory_has_no_log_folder_the_daemon_never_writes()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        using (DaemonProcess daemon = DaemonProcess.Start(data))
        {
            string token = File.ReadAllText(Path.Combine(data, TokenStore.AdminTokenFileName)).Trim();
            using ControlChannel client = daemon.Channel(token);
            await client.UnaryAsync(JobsApi.List, new ListJobsRequest());
        }

        Assert.False(Directory.Exists(Path.Combine(data, "logs")));
    }

    [Fact]
    public async Task A_second_daemon_on_a_served_data_directory_is_refused_and_changes_nothing()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string jobs;
        using (DaemonProcess first = DaemonProcess.Start(data))
        {
            string token = File.ReadAllText(Path.Combine(data, TokenStore.AdminTokenFileName)).Trim();
            var workspace = new Workspace(temp.Combine("ws"));
            workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
            workspace.Release(data);
            using ControlChannel client = first.Channel(token);
            await Eventually.WaitAsync(() => client.UnaryAsync(JobsApi.List, new ListJobsRequest()), l => l.Jobs.Count == 1, "the released job");
            await client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
            jobs = JobsFile(data);

            (int code, _, string stderr) = DslCommand.RunIn(null, Limit, "serve", "--data", data, "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");

            Assert.Equal(1, code);
            Assert.Equal($"dsl serve: the data directory {Path.GetFullPath(data)} is in use by another dsl serve (process {first.Id}); stop it first or give another --data", stderr.Trim());
            Assert.Equal(jobs, JobsFile(data));
            var status = await client.UnaryAsync(JobsApi.Status, new StatusRequest());
            Assert.Equal(JobStatus.Running, status.Jobs.Single().Status);

            // A killed daemon's lock goes with its process.
            first.Kill();
        }

        using DaemonProcess second = DaemonProcess.Start(data);
        using ControlChannel again = second.Channel(File.ReadAllText(Path.Combine(data, TokenStore.AdminTokenFileName)).Trim());
        Assert.Equal(JobStatus.Running, (await again.UnaryAsync(JobsApi.Status, new StatusRequest())).Jobs.Single().Status);
        second.Terminate();
    }

    /// <summary>
    /// What <c>jobs.json</c> says of each job but its latest checkpoint, which the running daemon
    /// rewrites on its own schedule: the rest is what a second daemon starting would change.
    /// </summary>
    private static string JobsFile(string data)
    {
        var jobs = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(data, "jobs.json")))!;
        foreach (var job in jobs.AsArray())
        {
            job!.AsObject().Remove("LastCheckpoint");
        }

        return jobs.ToJsonString();
    }

    [Fact]
    public void A_port_in_use_is_reported_in_one_line_and_a_first_start_that_fails_so_creates_no_admin_token()
    {
        using var temp = new TempDirectory();
        using DaemonProcess first = DaemonProcess.Start(temp.Combine("first"));
        string taken = $"{first.Address.Host}:{first.Address.Port}";

        (int code, _, string stderr) = DslCommand.RunIn(null, Limit, "serve", "--data", temp.Combine("second"), "--listen", taken, "--http-listen", "127.0.0.1:0");

        Assert.Equal(1, code);
        Assert.Equal($"dsl serve: Failed to bind to address http://{taken}: address already in use.", stderr.Trim());
        Assert.False(File.Exists(Path.Combine(temp.Combine("second"), TokenStore.AdminTokenFileName)));
        Assert.False(File.Exists(Path.Combine(temp.Combine("second"), TokenStore.ConfigFileName)));
        first.Terminate();
    }

    [Fact]
    public void A_data_path_that_is_a_file_or_cannot_be_a_folder_is_a_usage_error_in_one_line()
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("hostname");
        File.WriteAllText(file, "not a folder");
        string below = Path.Combine(file, "data");

        (int code, _, string stderr) = DslCommand.RunIn(null, Limit, "serve", "--data", file, "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");
        Assert.Equal((2, $"dsl serve: --data '{file}' names a file, where a data folder belongs"), (code, stderr.Trim()));

        (code, _, stderr) = DslCommand.RunIn(null, Limit, "serve", "--data", below, "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");
        Assert.Equal((2, $"dsl serve: --data '{below}' cannot be created: '{file}' is a file"), (code, stderr.Trim()));
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void A_usage_error_leaves_no_data_folder_behind()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("new-data");

        (int code, _, string stderr) = DslCommand.RunIn(null, Limit, "serve", "--data", data, "--tls-cert", temp.Combine("a.pem"), "--listen", "127.0.0.1:0");

        Assert.Equal((2, "dsl serve: --tls-cert and --tls-key go together"), (code, stderr.Trim()));
        Assert.False(Directory.Exists(data));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_data_directory_is_a_usage_error_in_one_line(string data)
    {
        // As --data "$DATA" passes it when the variable is not set.
        (int code, _, string stderr) = DslCommand.RunIn(null, Limit, "serve", "--data", data, "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");

        Assert.Equal((2, $"dsl serve: --data '{data}' names no folder"), (code, stderr.Trim()));
    }

    [Theory]
    [InlineData("127.0.0.1:17931", "127.0.0.1:17931")]
    [InlineData("127.0.0.1:17931", "0.0.0.0:17931")]
    public void One_port_for_both_endpoints_is_a_usage_error_not_a_port_in_use(string listen, string httpListen)
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("new-data");

        (int code, _, string stderr) = DslCommand.RunIn(null, Limit, "serve", "--data", data, "--listen", listen, "--http-listen", httpListen);

        Assert.Equal((2, $"dsl serve: --listen '{listen}' and --http-listen '{httpListen}' name the same port; the HTTP endpoint needs one of its own (by default the next)"), (code, stderr.Trim()));
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public void The_last_port_without_an_http_port_is_a_usage_error_in_one_line()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("new-data");

        // The HTTP endpoint would be the next port, and there is none after 65535.
        (int code, _, string stderr) = DslCommand.RunIn(null, Limit, "serve", "--data", data, "--listen", "127.0.0.1:65535");

        Assert.Equal((2, "dsl serve: --listen '127.0.0.1:65535' leaves no next port for the HTTP endpoint (/ingest, /metrics, git); name one with --http-listen HOST:PORT"), (code, stderr.Trim()));
        Assert.False(Directory.Exists(data));
    }

    [Theory]
    [InlineData("--checkpoint-seconds", "1e300")]
    [InlineData("--checkpoint-seconds", "NaN")]
    [InlineData("--max-pause-hours", "1e8")]
    [InlineData("--max-pause-hours", "0")]
    public void A_duration_that_is_not_positive_or_beyond_a_hundred_years_is_a_usage_error_in_one_line(string option, string value)
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");

        (int code, _, string stderr) = DslCommand.RunIn(null, Limit, "serve", "--data", data, option, value, "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");

        Assert.Equal((2, "dsl serve: --checkpoint-seconds and --max-pause-hours must be positive, and at most 876000 hours"), (code, stderr.Trim()));
        Assert.False(Directory.Exists(data));
    }

    /// <summary>0 turns the limit off; a negative or endless margin is no setting.</summary>
    [Theory]
    [InlineData("-1")]
    [InlineData("1e8")]
    [InlineData("NaN")]
    public void A_max_future_that_is_negative_or_beyond_a_hundred_years_is_a_usage_error_in_one_line(string value)
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");

        (int code, _, string stderr) = DslCommand.RunIn(null, Limit, "serve", "--data", data, "--max-future-hours", value, "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");

        Assert.Equal((2, "dsl serve: --max-future-hours must be 0 (no limit) or positive, and at most 876000 hours"), (code, stderr.Trim()));
        Assert.False(Directory.Exists(data));
    }
}
