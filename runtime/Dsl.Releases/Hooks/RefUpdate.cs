namespace Dsl.Releases.Hooks;

/// <summary>One line git gives a receive hook: <c>OLD NEW REF</c>; an all-zero id means "none".</summary>
public sealed record RefUpdate(string? OldCommit, string? NewCommit, string RefName)
{
    public static IReadOnlyList<RefUpdate> ReadAll(TextReader input)
    {
        var updates = new List<RefUpdate>();
        while (input.ReadLine() is { } line)
        {
            var parts = line.Split(' ', 3, StringSplitOptions.TrimEntries);
            if (parts.Length == 3)
                updates.Add(new RefUpdate(Id(parts[0]), Id(parts[1]), parts[2]));
        }
        return updates;
    }

    private static string? Id(string text) => text.All(c => c == '0') ? null : text;
}
