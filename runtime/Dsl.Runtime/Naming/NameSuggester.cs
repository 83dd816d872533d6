namespace Dsl.Naming;

/// <summary>
/// "Did you mean" by edit distance, for every name and word a user writes: those the compiler
/// checks, the command line's, and those of the runtime's configuration (an asset's time zone).
/// </summary>
public static class NameSuggester
{
    /// <summary>
    /// The longest names compared by edit distance, which costs the product of the two lengths in
    /// time and memory: a name of 100,000 characters would need 40 GB. A name that long is
    /// generated or pasted, not mistyped; it is still matched when only its case differs.
    /// </summary>
    private const int MaxComparedLength = 256;

    /// <summary>The closest candidate, if it is close enough to be a likely typo or abbreviation.</summary>
    public static string? FindClosest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var lowerName = name.ToLowerInvariant();
        foreach (var candidate in candidates)
        {
            if (candidate.Length == 0 || candidate == name)
                continue;
            var lowerCandidate = candidate.ToLowerInvariant();
            // A case-only difference is the likeliest typo of all.
            if (lowerCandidate == lowerName)
                return candidate;
            // The distance is at least the difference in length, so a candidate whose length is
            // further from the name's than the best one's distance cannot win.
            if (lowerName.Length > MaxComparedLength || lowerCandidate.Length > MaxComparedLength
                || Math.Abs(lowerName.Length - lowerCandidate.Length) > bestDistance)
                continue;
            var distance = Distance(lowerName, lowerCandidate);
            if (!IsPlausible(lowerName, lowerCandidate, distance))
                continue;
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>
    /// About a third of a name may be wrong; more if the start is right ("failure" for
    /// "failed"), and an abbreviation that keeps the first letter and the order of the others
    /// ("dbl" for "double") counts too. Beyond that a suggestion confuses more than it helps.
    /// </summary>
    private static bool IsPlausible(string name, string candidate, int distance)
    {
        var longest = Math.Max(name.Length, candidate.Length);
        if (distance <= Math.Max(1, longest / 3))
            return true;
        if (CommonPrefixLength(name, candidate) >= 3 && distance <= longest / 2)
            return true;
        return name.Length >= 2 && name[0] == candidate[0] && IsSubsequence(name, candidate);
    }

    private static int CommonPrefixLength(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
            i++;
        return i;
    }

    private static bool IsSubsequence(string part, string whole)
    {
        var j = 0;
        foreach (var c in whole)
        {
            if (j < part.Length && part[j] == c)
                j++;
        }
        return j == part.Length;
    }

    /// <summary>" Did you mean "X"?" when a candidate is close; otherwise <paramref name="fallback"/> (a sentence with a leading space, or empty).</summary>
    public static string Hint(string name, IEnumerable<string> candidates, string fallback)
    {
        var closest = FindClosest(name, candidates);
        return closest is null ? fallback : $" Did you mean \"{closest}\"?";
    }

    /// <summary>" Use a, b or c." for a short, fixed list of words.</summary>
    public static string UseOneOf(IReadOnlyList<string> words) =>
        words.Count switch
        {
            0 => "",
            1 => $" Use {words[0]}.",
            _ => $" Use {string.Join(", ", words.Take(words.Count - 1))} or {words[^1]}.",
        };

    /// <summary>Optimal string alignment distance (Levenshtein plus transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
