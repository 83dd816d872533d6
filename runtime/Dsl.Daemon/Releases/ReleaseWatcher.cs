using Dsl.Releases.Repository;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Releases;

/// <summary>
/// Polls the <c>release</c> ref of <c>DATA/jobs.git</c>; on a new commit, deploys every job file
/// of it through the <see cref="IReleaseTarget"/>. Jobs whose compiled version is unchanged stay as
/// they are. Each commit deployed is recorded in <c>DATA/release.deployed</c>, where the push's
/// post-receive hook waits for it.
/// </summary>
public sealed class ReleaseWatcher
{
    private readonly ReleaseRepository _repository;
    private readonly IReleaseTarget _target;
    private readonly ILogger _log;
    private readonly string _dataDirectory;
    private string? _deployed;
    private bool _recorded;
    private bool _warned;

    /// <summary>Watches <paramref name="repository"/> for <paramref name="target"/>; records each commit deployed in <paramref name="dataDirectory"/>.</summary>
    public ReleaseWatcher(ReleaseRepository repository, IReleaseTarget target, ILogger log, string dataDirectory)
    {
        _repository = repository;
        _target = target;
        _log = log;
        _dataDirectory = dataDirectory;
    }

    /// <summary>Deploys the current head of <c>release</c> when it changed since the last call; returns the commit.</summary>
    public string? Poll()
    {
        string? head = _repository.Head();
        if (head is null || head == _deployed)
        {
            RecordDeployed();
            return head;
        }

        ReleaseSnapshot snapshot = _repository.Read(head);
        Dictionary<string, uint> tags = _repository.LatestTags(head);
        if (_deployed is null && ServingDaemon.LastDeployed(_dataDirectory) != head)
        {
            CountTagsBeingMade(snapshot, tags);
        }

        var released = new List<string>();
        foreach (var (job, _) in snapshot.Jobs())
        {
            released.Add(job);
            DeployResult result = _target.Deploy(job, snapshot.Files, snapshot.ShortHash, tags.TryGetValue(job, out uint tagged) ? tagged : null);
            _log.LogInformation("release {Commit}: {Message}", snapshot.ShortHash, result.Message);
        }

        foreach (string job in _target.Retire(released, snapshot.ShortHash))
        {
            _log.LogInformation("release {Commit}: job {Job} was removed from the release: stopped, its state cleared", snapshot.ShortHash, job);
        }

        _deployed = head;
        _recorded = _warned = false;
        RecordDeployed();
        return head;
    }

    /// <summary>
    /// Counts the tag still being made of each job changed since the commit its latest tag is on.
    /// Git moves <c>release</c> before the post-receive hook tags the jobs a push changed, and a
    /// daemon starting in between would take such a job, found with the tag of its previous version,
    /// for one this build only compiled anew, and keep its number. The hook numbers the tag it makes
    /// after the highest one. Only at a start that finds a release its last run did not deploy: a
    /// running daemon's jobs count their releases anyway.
    /// </summary>
    private void CountTagsBeingMade(ReleaseSnapshot snapshot, Dictionary<string, uint> tags)
    {
        foreach (var (job, path) in snapshot.Jobs())
        {
            if (tags.TryGetValue(job, out uint version) && _repository.TagCommit(job, version) is { } tagged
                && tagged != snapshot.Commit && _repository.Differ(tagged, snapshot.Commit, snapshot.SourcesOf(path)))
            {
                tags[job] = version + 1;
            }
        }
    }

    /// <summary>
    /// Writes the deployed commit for the pushes waiting on it; a write that fails (a full disk) is
    /// tried again at the next poll, without deploying again.
    /// </summary>
    private void RecordDeployed()
    {
        if (_recorded || _deployed is null)
        {
            return;
        }

        try
        {
            ServingDaemon.Deployed(_dataDirectory, _deployed);
            _recorded = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (_warned)
            {
                return;
            }

            _warned = true;
            _log.LogWarning("release {Commit} is deployed, but {File} cannot be written, so pushes wait for it: {Error}", _deployed, ServingDaemon.DeployedFileName, e.Message);
        }
    }
}
