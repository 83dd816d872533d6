using System.Globalization;

namespace Dsl.Releases.Versions;

/// <summary>
/// A release as commands name it: <c>vN</c>, release N of a job (tag <c>JOB/vN</c>, numbered from 1).
/// Every command that takes a version reads it here, so that a number no release can have is
/// refused in the same words everywhere instead of overflowing wherever it is parsed.
/// </summary>
public static class ReleaseNumber
{
    /// <summary>True when the text has the form of a release, <c>v</c> and digits, whatever the number.</summary>
    public static bool IsRelease(string text) => text.Length > 1 && text[0] == 'v' && !text.AsSpan(1).ContainsAnyExceptInRange('0', '9');

    /// <summary>Release N for <c>vN</c> when a release can have that number; false for anything else.</summary>
    public static bool TryParse(string text, out int number)
    {
        number = 0;
        return IsRelease(text)
            && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number >= 1;
    }

    /// <summary>
    /// Why <paramref name="text"/> names no release, when it has the form of one but a number no
    /// release can have (<c>v0</c>, <c>v99999999999</c>); null for a valid release and for text of
    /// another form (<c>online</c>, a git revision), which is not this parser's to judge.
    /// </summary>
    public static string? Problem(string? text) =>
        text is not null && IsRelease(text) && !TryParse(text, out _)
            ? $"there is no version {text}: releases are numbered from v1 to v{int.MaxValue}."
            : null;
}
