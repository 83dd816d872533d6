using System.Text.RegularExpressions;

namespace Dsl.Compiler.Symbols;

/// <summary>
/// The names a job can be released under. The language takes any name on a job line, but a job
/// the daemon runs is named by its file, <c>jobs/NAME.stream</c>, and its state folder, tags and
/// refs carry the name too, so that name must be safe in all of them: letters, digits and '_',
/// starting with a letter, at most <see cref="MaxLength"/> characters.
/// </summary>
public static partial class JobNames
{
    /// <summary>The longest job name: its file, state folder, tags and refs carry it.</summary>
    public const int MaxLength = 100;

    /// <summary>True for names that are safe as file names, tag names and refs.</summary>
    public static bool IsFileName(string name) => FileName().IsMatch(name);

    // \z, not $: $ also matches before a final line break, which would let "name\n" through.
    // The 99 is MaxLength - 1, after the first letter.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,99}\z")]
    private static partial Regex FileName();
}
