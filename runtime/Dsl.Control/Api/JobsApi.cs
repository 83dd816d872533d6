using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Control.Api;

/// <summary>The rpcs of service <c>dsl.control.v1.Jobs</c>, for registering handlers and calling them.</summary>
public static class JobsApi
{
    private const string Service = "Jobs";

    /// <summary>Lists jobs (viewer).</summary>
    public static readonly Method<ListJobsRequest, ListJobsResponse> List = ProtoMethods.Find<ListJobsRequest, ListJobsResponse>(Service, "List");

    /// <summary>Describes one job (viewer).</summary>
    public static readonly Method<GetJobRequest, GetJobResponse> Get = ProtoMethods.Find<GetJobRequest, GetJobResponse>(Service, "Get");

    /// <summary>Starts jobs (operator).</summary>
    public static readonly Method<StartJobsRequest, JobTransitionsResponse> Start = ProtoMethods.Find<StartJobsRequest, JobTransitionsResponse>(Service, "Start");

    /// <summary>Pauses jobs (operator).</summary>
    public static readonly Method<PauseJobsRequest, JobTransitionsResponse> Pause = ProtoMethods.Find<PauseJobsRequest, JobTransitionsResponse>(Service, "Pause");

    /// <summary>Stops jobs (operator).</summary>
    public static readonly Method<StopJobsRequest, JobTransitionsResponse> Stop = ProtoMethods.Find<StopJobsRequest, JobTransitionsResponse>(Service, "Stop");

    /// <summary>Previews a job on recent or given records (operator).</summary>
    public static readonly Method<PreviewRequest, PreviewResponse> Preview = ProtoMethods.Find<PreviewRequest, PreviewResponse>(Service, "Preview");

    /// <summary>Lifecycle status of jobs (viewer).</summary>
    public static readonly Method<StatusRequest, StatusResponse> Status = ProtoMethods.Find<StatusRequest, StatusResponse>(Service, "Status");

    /// <summary>Streams status changes (viewer).</summary>
    public static readonly Method<WatchRequest, JobStatusEvent> Watch = ProtoMethods.Find<WatchRequest, JobStatusEvent>(Service, "Watch");

    /// <summary>A job's error log (viewer).</summary>
    public static readonly Method<LogsRequest, LogsResponse> Logs = ProtoMethods.Find<LogsRequest, LogsResponse>(Service, "Logs");

    /// <summary>Monitoring figures (viewer).</summary>
    public static readonly Method<MetricsRequest, MetricsResponse> Metrics = ProtoMethods.Find<MetricsRequest, MetricsResponse>(Service, "Metrics");
}
