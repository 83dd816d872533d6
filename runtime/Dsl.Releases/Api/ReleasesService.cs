using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Releases.Locks;
using Dsl.Releases.Repository;
using Dsl.Releases.Versions;
using Google.Protobuf.WellKnownTypes;

namespace Dsl.Releases.Api;

/// <summary>The handlers of <c>dsl.control.v1.Releases</c>, answered from the bare repository.</summary>
internal sealed class ReleasesService(string gitDirectory, TimeProvider time)
{
    private readonly LockStore _locks = new(gitDirectory);

    public Task<ListVersionsResponse> ListVersions(ListVersionsRequest request, ServerCallContext context)
    {
        var versions = Versions(request.Job);
        var online = OnlineVersion(request.Job, versions);
        var response = new ListVersionsResponse();
        foreach (var v in versions)
        {
            response.Versions.Add(new JobVersion
            {
                Version = (uint)v.Version,
                Tag = v.Tag,
                Commit = v.Commit,
                ReleasedAt = Timestamp.FromDateTimeOffset(v.ReleasedAt),
                Author = v.Author,
                Message = v.Message,
                Online = v.Version == online,
            });
        }
        return Task.FromResult(response);
    }

    public Task<GetSourceResponse> GetSource(GetSourceRequest request, ServerCallContext context)
    {
        var (version, text) = Read(request.Ref);
        return Task.FromResult(new GetSourceResponse { Version = (uint)version.Version, Path = JobPaths.JobPath(version.Job), Text = text, Commit = version.Commit });
    }

    public Task<DiffResponse> Diff(DiffRequest request, ServerCallContext context)
    {
        var (from, fromText) = Read(request.From, "from");
        var contextLines = request.ContextLines == 0 ? 3 : (int)Math.Min(request.ContextLines, int.MaxValue);
        string toText, toLabel;
        if (request.ToCase == DiffRequest.ToOneofCase.ToText)
        {
            (toText, toLabel) = (request.ToText, "workspace");
        }
        else
        {
            var (to, text) = Read(new JobVersionRef { Name = from.Job, Version = request.ToVersion });
            (toText, toLabel) = (text, to.Tag);
        }
        return Task.FromResult(new DiffResponse { UnifiedDiff = ReleaseHistory.Diff(fromText, toText, from.Tag, toLabel, contextLines) });
    }

    public Task<RevertResponse> Revert(RevertRequest request, ServerCallContext context)
    {
        var (version, text) = Read(request.Ref);
        return Task.FromResult(new RevertResponse { Path = JobPaths.JobPath(version.Job), Text = text, Version = (uint)version.Version });
    }

    public Task<LockResponse> Lock(LockRequest request, ServerCallContext context)
    {
        // A job is known once released (a JOB/vN tag, kept after its removal, as it may come back):
        // a lock on a misspelt name would guard nothing and say so to no one.
        Versions(request.Job);
        try
        {
            var taken = _locks.Lock(request.Job, context.Caller.Name, request.Hard, time.GetUtcNow());
            return Task.FromResult(new LockResponse { Lock = new LockInfo { Job = taken.Job, Holder = taken.Holder, Hard = taken.Hard, Since = Timestamp.FromDateTimeOffset(taken.Since) } });
        }
        catch (LockConflictException e)
        {
            throw new RpcException(StatusCode.FailedPrecondition, e.Message);
        }
        catch (LockFileException e)
        {
            throw new RpcException(StatusCode.FailedPrecondition, e.Message);
        }
    }

    public Task<UnlockResponse> Unlock(UnlockRequest request, ServerCallContext context)
    {
        try
        {
            // Any name the locks file holds is taken, so that every lock can be removed (an entry
            // written by hand); another name must be one a lock can be taken under.
            if (!JobPaths.IsValidName(request.Job) && !_locks.List().ContainsKey(request.Job))
                CheckName(request.Job);
            return Task.FromResult(new UnlockResponse { WasLocked = _locks.Unlock(request.Job, context.Caller.Name, request.Force) });
        }
        catch (LockConflictException e)
        {
            throw new RpcException(StatusCode.FailedPrecondition, e.Message + LockConflictException.ForceAdvice);
        }
        catch (LockFileException e)
        {
            throw new RpcException(StatusCode.FailedPrecondition, e.Message);
        }
    }

    private IReadOnlyList<ReleasedVersion> Versions(string job)
    {
        CheckName(job);
        var versions = ReleaseHistory.Tags(gitDirectory, job);
        if (versions.Count == 0)
            throw new RpcException(StatusCode.NotFound, $"job '{job}' has never been released.");
        return versions;
    }

    /// <summary>The newest release, when the job is still on the release branch.</summary>
    private int OnlineVersion(string job, IReadOnlyList<ReleasedVersion> versions) =>
        ReleaseHistory.Source(gitDirectory, JobPaths.ReleaseRef, job) is null ? 0 : versions[0].Version;

    private (ReleasedVersion Version, string Text) Read(JobVersionRef? reference, string field = "ref")
    {
        // A message field left out arrives as null.
        if (reference is null)
            throw new RpcException(StatusCode.InvalidArgument, $"{field} is required: the job's name and version (0 for the online one).");
        var versions = Versions(reference.Name);
        // As long, not int: a version past int.MaxValue would turn negative and be named so.
        long number = reference.Version == 0 ? OnlineVersion(reference.Name, versions) : reference.Version;
        var version = versions.FirstOrDefault(v => v.Version == number)
            ?? throw new RpcException(StatusCode.NotFound, number == 0 ? $"job '{reference.Name}' is not online." : $"job '{reference.Name}' has no version {number}.");
        var text = ReleaseHistory.Source(gitDirectory, "refs/tags/" + version.Tag, version.Job)
            ?? throw new RpcException(StatusCode.NotFound, $"{version.Tag} holds no {JobPaths.JobPath(version.Job)}.");
        return (version, text);
    }

    private static void CheckName(string job)
    {
        if (!JobPaths.IsValidName(job))
            throw new RpcException(StatusCode.InvalidArgument, $"'{job}' is not a job name.");
    }
}
