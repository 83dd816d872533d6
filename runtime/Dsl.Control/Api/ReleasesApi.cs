using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Control.Api;

/// <summary>The rpcs of service <c>dsl.control.v1.Releases</c>.</summary>
public static class ReleasesApi
{
    private const string Service = "Releases";

    /// <summary>Released versions of a job (viewer).</summary>
    public static readonly Method<ListVersionsRequest, ListVersionsResponse> ListVersions = ProtoMethods.Find<ListVersionsRequest, ListVersionsResponse>(Service, "ListVersions");

    /// <summary>The source of a version (viewer).</summary>
    public static readonly Method<GetSourceRequest, GetSourceResponse> GetSource = ProtoMethods.Find<GetSourceRequest, GetSourceResponse>(Service, "GetSource");

    /// <summary>A diff between versions (viewer).</summary>
    public static readonly Method<DiffRequest, DiffResponse> Diff = ProtoMethods.Find<DiffRequest, DiffResponse>(Service, "Diff");

    /// <summary>The file <c>dsl revert</c> writes back (viewer).</summary>
    public static readonly Method<RevertRequest, RevertResponse> Revert = ProtoMethods.Find<RevertRequest, RevertResponse>(Service, "Revert");

    /// <summary>Takes an editing lock (admin).</summary>
    public static readonly Method<LockRequest, LockResponse> Lock = ProtoMethods.Find<LockRequest, LockResponse>(Service, "Lock");

    /// <summary>Releases an editing lock (admin).</summary>
    public static readonly Method<UnlockRequest, UnlockResponse> Unlock = ProtoMethods.Find<UnlockRequest, UnlockResponse>(Service, "Unlock");
}
