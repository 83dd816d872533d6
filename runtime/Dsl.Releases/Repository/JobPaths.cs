using Dsl.Compiler.Symbols;

namespace Dsl.Releases.Repository;

/// <summary>Where jobs and models live in a workspace and in <c>DATA/jobs.git</c>.</summary>
public static class JobPaths
{
    public const string JobsFolder = "jobs";
    public const string ModelsFolder = "models";
    public const string Extension = ".stream";

    /// <summary>The branch whose files are the online versions.</summary>
    public const string ReleaseBranch = "release";
    public const string ReleaseRef = "refs/heads/" + ReleaseBranch;

    /// <summary><c>jobs/NAME.stream</c>, with '/' whatever the platform (it is a path inside git).</summary>
    public static string JobPath(string job) => $"{JobsFolder}/{job}{Extension}";

    /// <summary>The job a repository path holds, or null when it is not <c>jobs/NAME.stream</c>.</summary>
    public static string? JobOf(string path)
    {
        var prefix = JobsFolder + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(Extension, StringComparison.Ordinal))
            return null;
        var name = path[prefix.Length..^Extension.Length];
        return IsValidName(name) ? name : null;
    }

    /// <summary>True for names that are safe as file names, tag names and refs: letters, digits and '_'.</summary>
    public static bool IsValidName(string name) => JobNames.IsFileName(name);

    /// <summary>Throws <see cref="ArgumentException"/> for a name that <see cref="IsValidName"/> refuses.</summary>
    public static void Validate(string name)
    {
        if (!IsValidName(name))
            throw new ArgumentException(
                name.Length > MaxNameLength && IsValidName(name[..MaxNameLength])
                    ? $"'{name}' is not a job name: it has {name.Length} characters, and a job name has at most {MaxNameLength}."
                    : $"'{name}' is not a job name: use letters, digits and '_', starting with a letter.",
                nameof(name));
    }

    /// <summary>
    /// Why the file of <paramref name="job"/> cannot be deployed as that job, or null when it can. The
    /// daemon runs <c>jobs/NAME.stream</c> as job NAME (its state, outputs and tags are keyed by that
    /// name), so the file must declare a job, and that one. <c>dsl save</c>, the release check and the
    /// daemon all ask here, so that none of them accepts a file another refuses.
    /// </summary>
    /// <param name="declared">The name on the file's <c>job</c> line; null for a file without one.</param>
    public static string? JobFileError(string job, string? declared) =>
        declared is null ? $"{JobPath(job)} has no `job` line; model libraries belong in {ModelsFolder}/."
        : declared != job ? $"{JobPath(job)} declares job '{declared}'; a job file must be named after its job."
        : null;

    /// <summary>
    /// Why a file of <c>jobs/</c> that is not <c>jobs/NAME.stream</c> (a name that is no job name, a
    /// subfolder) may not declare a job, or null when it declares none: the daemon would never run
    /// it, and nothing else would say so.
    /// </summary>
    /// <param name="path">The file's repository path.</param>
    /// <param name="declared">The name on the file's <c>job</c> line; null for a file without one.</param>
    public static string? StrayJobFileError(string path, string? declared) =>
        declared is not null && path.StartsWith(JobsFolder + "/", StringComparison.Ordinal) && JobOf(path) is null
            ? $"{path} declares job '{declared}', but the daemon runs only files named after their job: " +
              (IsValidName(declared) ? $"move it to {JobPath(declared)}." : "name the job with letters, digits and '_', starting with a letter, and the file after it.")
            : null;

    /// <summary>The tag of release <paramref name="version"/> of a job.</summary>
    public static string Tag(string job, int version) => $"{job}/v{version}";

    /// <summary>The longest job name: its file, state folder, tags and refs carry it.</summary>
    public const int MaxNameLength = JobNames.MaxLength;
}
