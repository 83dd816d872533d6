namespace Dsl.Compiler.Emit;

/// <summary>
/// A job's name as a file name, for <c>dsl build</c>'s outputs and the assembly cache's entries: a
/// quoted job name may hold any character, and "/", ".." or ":" must not lead the files out of their
/// folder or make an invalid path. Letters, digits, "_" and "-" are kept, anything else becomes "_";
/// the manifest keeps the real name. A name longer than <see cref="MaxStem"/> characters is cut, and
/// a hash of the whole name is appended so that two long names that share their start still get
/// different files: file systems refuse names of more than 255 bytes.
/// </summary>
public static class JobFileName
{
    /// <summary>The longest stem <see cref="Stem"/> gives, as long as the longest job name a workspace accepts.</summary>
    public const int MaxStem = 100;

    public static string Stem(string jobName)
    {
        var stem = new System.Text.StringBuilder(jobName.Length);
        foreach (var c in jobName)
            stem.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        if (stem.Length == 0)
            return "job";
        if (stem.Length <= MaxStem)
            return stem.ToString();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(jobName)))[..8];
        return stem.ToString(0, MaxStem - hash.Length - 1) + "_" + hash;
    }
}
