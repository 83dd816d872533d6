using Dsl.Compiler;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Planning;
using Dsl.Releases.Locks;
using Dsl.Releases.Repository;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;

namespace Dsl.Releases.Validation;

/// <summary>
/// Decides whether a push to <c>release</c> may be accepted: every changed job and model library
/// compiles, the jobs of the release form no cycle, no job hard-locked by someone else changes, and every
/// changed job can keep its state (same operator fingerprints) unless a restart was asked for.
/// </summary>
public static class ReleaseValidator
{
    /// <summary>Where snapshot paths are placed for the compiler; nothing is read from it.</summary>
    private static readonly string _root = Path.Combine(Path.GetTempPath(), "dsl-release");

    public static ReleaseCheck Check(ReleaseRequest request)
    {
        var before = ReleaseSnapshot.Compile(request.OldCommit is null ? TreeSnapshot.Empty(_root) : TreeSnapshot.Read(request.GitDirectory, request.OldCommit, _root));
        var after = ReleaseSnapshot.Compile(TreeSnapshot.Read(request.GitDirectory, request.NewCommit, _root));
        var errors = new List<string>();
        IReadOnlyDictionary<string, JobLock> locks;
        try
        {
            locks = new LockStore(request.GitDirectory).List();
        }
        catch (LockFileException e)
        {
            // Whether a hard lock refuses the release cannot be told: refused until the file is mended.
            errors.Add($"error: {e.Message}");
            locks = new Dictionary<string, JobLock>(StringComparer.Ordinal);
        }
        var warnings = new List<string>();

        var changed = Changed(before, after);
        var removed = before.Jobs.Keys.Where(name => !after.Jobs.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();

        // Jobs that import one library report its diagnostics once.
        var reported = new HashSet<string>(StringComparer.Ordinal);
        void Report(CheckMessage message)
        {
            if (reported.Add(message.Text))
                (message.IsError ? errors : warnings).Add(message.Text);
        }

        var channels = ConfiguredAlarmChannels.Read(request.GitDirectory);
        foreach (var name in changed)
        {
            foreach (var message in SourceCheck.Job(after.Tree, name, after.Jobs[name].Compilation))
                Report(message);
            if (channels is not null)
                warnings.AddRange(UnconfiguredChannels(name, after.Jobs[name].Compilation, channels));
        }
        foreach (var path in after.Tree.Libraries.Where(path => before.Tree.Text(path) != after.Tree.Text(path)))
        {
            foreach (var message in SourceCheck.Library(after.Tree, path))
                Report(message);
        }

        foreach (var name in changed.Concat(removed))
        {
            if (locks.TryGetValue(name, out var held) && held.Hard && held.Holder != request.Pusher)
                errors.Add($"error: job '{name}' is hard-locked by {held.Holder} since {held.Since:u}; only {held.Holder} can release it until it is unlocked.");
        }

        var bound = new Dictionary<string, BoundJob>(StringComparer.Ordinal);
        foreach (var job in after.Jobs.Values)
        {
            if (!job.Compilation.HasErrors && job.Compilation.Job is { } boundJob)
                bound[job.Name] = boundJob;
        }
        errors.AddRange(JobCycles.Find(bound).Select(cycle => JobCycles.Describe(cycle, "the release")));

        var restarted = new List<string>();
        var states = DaemonJobStates.Read(request.GitDirectory);
        foreach (var name in changed)
        {
            if (!states.HoldsState(name) || !before.Jobs.TryGetValue(name, out var old) || Operators(old.Compilation) is not { } previous || Operators(after.Jobs[name].Compilation) is not { } next)
                continue;
            var compatibility = StateCompatibility.Compare(previous, next);
            var (channelBefore, channelAfter) = (old.Compilation.Job!.Settings.Channel, after.Jobs[name].Compilation.Job!.Settings.Channel);
            if (compatibility.IsCompatible && channelBefore == channelAfter)
                continue;
            restarted.Add(name);
            if (!request.Restart)
            {
                var why = new List<string>();
                if (!compatibility.IsCompatible)
                    why.Add($"the state of operators {compatibility.DescribeChanged()} changed");
                // A job's state holds its place in its channel's log, which means nothing in the other channel's.
                if (channelBefore != channelAfter)
                    why.Add($"it moves from the {Name(channelBefore)} channel to {Name(channelAfter)}, and its state holds its place in {Name(channelBefore)}'s records");
                errors.Add($"error: job '{name}' cannot be upgraded in place{(states.Known ? " (it is running or paused)" : "")}: {string.Join("; ", why)}. "
                    + "Push with `git push -o restart` (or `dsl release --restart`) to stop the job and start the new version with empty state.");
            }
        }

        var sourcesBefore = before.Jobs.ToDictionary(job => job.Key, job => (IReadOnlyCollection<string>)[.. job.Value.Sources.Keys], StringComparer.Ordinal);
        return new ReleaseCheck(errors, changed, removed, restarted, warnings, sourcesBefore);
    }

    private static string Name(Dsl.Compiler.Binding.JobChannel channel) => channel.ToString().ToLowerInvariant();

    /// <summary>A warning for each alarm channel the job notifies that the daemon's config.json does not name, or names written wrong.</summary>
    private static IEnumerable<string> UnconfiguredChannels(string job, Compilation compilation, AlarmChannelNames channels) =>
        (compilation.Job?.Alarms ?? [])
            .SelectMany(rule => rule.Channels)
            .Distinct(StringComparer.Ordinal)
            .Where(channel => !channels.Usable.Contains(channel))
            .Select(channel => channels.WrongSection is { } wrongSection
                ? $"{JobPaths.JobPath(job)}: warning: alarm channel '{channel}' is not configured: the daemon's config.json is written wrong ({wrongSection}); "
                    + "until it is mended, this job's alarms to it are only logged."
                : channels.WrittenWrong.TryGetValue(channel, out var problem)
                ? $"{JobPaths.JobPath(job)}: warning: alarm channel '{channel}' is written wrong in the daemon's config.json: {problem}; "
                    + "until it is mended, this job's alarms to it are only logged."
                : $"{JobPaths.JobPath(job)}: warning: alarm channel '{channel}' is not configured in the daemon's config.json "
                    + $"({(channels.Usable.Count == 0 ? "no channels are" : "configured: " + string.Join(", ", channels.Usable.Order(StringComparer.Ordinal)))}); "
                    + "until it is, this job's alarms to it are only logged.");

    /// <summary>Jobs that are new or whose file or imported models differ.</summary>
    public static IReadOnlyList<string> Changed(ReleaseSnapshot before, ReleaseSnapshot after) =>
        [.. after.Jobs.Values
            .Where(job => !before.Jobs.TryGetValue(job.Name, out var old) || !old.SameSources(job))
            .Select(job => job.Name)
            .Order(StringComparer.Ordinal)];

    /// <summary>The operators of an error-free job with their state fingerprints, or null.</summary>
    private static IReadOnlyList<OperatorManifest>? Operators(Compilation compilation)
    {
        if (compilation.HasErrors || compilation.Job is not { } job)
            return null;
        try
        {
            var plan = Planner.Plan(job, [compilation.SyntaxTree.Source, .. compilation.ImportedTrees.Select(t => t.Source)]);
            return [.. plan.Operators.Select(o => new OperatorManifest(o.Name, o.Kind, o.Fingerprint))];
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
