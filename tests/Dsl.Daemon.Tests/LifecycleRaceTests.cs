using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>Lifecycle calls that race each other on one job: each answers, and the job stays controllable.</summary>
public sealed class LifecycleRaceTests
{
    [Fact]
    public async Task ConcurrentPausesAndStartsOfAJobWithStateLeaveItControllable()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        await using var daemon = await TestDaemon.StartAsync(data, checkpointInterval: TimeSpan.FromMilliseconds(50));
        workspace.Release(data);
        await daemon.WaitReleasedAsync("doubler");
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 200));
        await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("doubler").Length), n => n == 200, "200 outputs");

        using var watching = new CancellationTokenSource();
        Task watch = Task.Run(async () =>
        {
            try
            {
                await foreach (JobStatusEvent _ in daemon.Client.ServerStreamingAsync(JobsApi.Watch, new WatchRequest { Names = { "doubler" } }, cancellationToken: watching.Token))
                {
                }
            }
            catch (Exception e) when (e is OperationCanceledException || (e is RpcException r && r.Status == StatusCode.Cancelled))
            {
            }
        });

        // Eight clients pause and start the job over and over and read the figures of all jobs; each
        // call answers OK or, for an illegal transition, FAILED_PRECONDITION, never anything else.
        var unexpected = new System.Collections.Concurrent.ConcurrentQueue<string>();
        DateTime until = DateTime.UtcNow + TimeSpan.FromSeconds(4);
        async Task Client()
        {
            while (DateTime.UtcNow < until)
            {
                await Call(() => daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "doubler" } }));
                await Call(() => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } }));
                await Call(() => daemon.Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest()));
            }
        }

        async Task Call<T>(Func<Task<T>> call)
        {
            try
            {
                await call();
            }
            catch (RpcException e) when (e.Status != StatusCode.FailedPrecondition)
            {
                unexpected.Enqueue($"{e.Status}: {e.Message}");
            }
            catch (RpcException)
            {
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Client)));
        await watching.CancelAsync();
        await watch;
        Assert.Empty(unexpected);

        // Whatever the status the race left, the job pauses, reports its figures and stops.
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        var paused = await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "doubler" } });
        Assert.Equal(JobStatus.Paused, paused.Transitions[0].Current);
        MetricsResponse metrics = await daemon.Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest());
        // No record came after the first 200, and a resumed run reads on from its checkpoint, so none is read twice.
        Assert.Equal(200ul, metrics.Jobs.Single().Counters.RecordsIn);
        var stopped = await daemon.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
        Assert.Equal(JobStatus.Stopped, stopped.Transitions[0].Current);
    }
}
