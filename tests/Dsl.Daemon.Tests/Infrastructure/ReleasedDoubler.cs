namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>
/// A daemon in its own temporary folder with the doubler job released (not started), for tests that
/// drive it as a client would; the workspace releases further versions.
/// </summary>
internal sealed record ReleasedDoubler(TempDirectory Temp, TestDaemon Daemon, Workspace Workspace) : IAsyncDisposable
{
    public static async Task<ReleasedDoubler> StartAsync()
    {
        var temp = new TempDirectory();
        TestDaemon daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        workspace.Release(daemon.Data);
        await daemon.WaitReleasedAsync("doubler");
        return new ReleasedDoubler(temp, daemon, workspace);
    }

    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync();
        Temp.Dispose();
    }
}
