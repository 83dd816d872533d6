using System.Text;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>Errors whose message or details would be too large for the status trailer still arrive, cut down.</summary>
public sealed class StatusSizeTests
{
    private static readonly CallOptions _inTime = new(Timeout: TimeSpan.FromSeconds(30));

    [Fact]
    public async Task APreviewOfASourceWithAThousandErrorsIsInvalidArgumentWithTheFirstHundredDiagnostics()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var source = new StringBuilder("job bad\n");
        for (int i = 0; i < 1000; i++)
        {
            source.Append($"model M{i} {{ ai V{i}: nosuchtype }}\n");
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(
            JobsApi.Preview,
            new PreviewRequest { Source = new InlineSource { File = "jobs/bad.stream", Text = source.ToString() }, Latest = 1 },
            _inTime));

        Assert.Equal(StatusCode.InvalidArgument, error.Status);
        var diagnostics = error.GetDetail<Diagnostics>();
        Assert.NotNull(diagnostics);
        Assert.InRange(diagnostics.Items.Count, 1, 100);
        // One error per model: those left out are counted, so the two add up to all of them.
        Assert.Equal(1000L, diagnostics.Items.Count + (long)diagnostics.Omitted);
        Assert.Equal(2u, diagnostics.Items[0].Line);

        // The connection is still usable.
        await daemon.Client.UnaryAsync(JobsApi.List, new ListJobsRequest(), _inTime);
    }

    [Fact]
    public async Task AnUnknownJobNameTooLongForTheTrailerIsNotFoundWithTheNameCut()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var name = new string('x', 65_600);

        var get = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = name }, _inTime));
        var status = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Status, new StatusRequest { Names = { name } }, _inTime));

        foreach (var error in new[] { get, status })
        {
            Assert.Equal(StatusCode.NotFound, error.Status);
            Assert.Contains("'xxx", error.Message, StringComparison.Ordinal);
            Assert.Contains(" … ", error.Message, StringComparison.Ordinal);
            Assert.True(error.Message.Length <= 2048, $"{error.Message.Length} characters");
        }

        await daemon.Client.UnaryAsync(JobsApi.List, new ListJobsRequest(), _inTime);
    }
}
