using System.Text;

namespace Dsl.TestUtilities;

/// <summary>A small line diff (longest common subsequence) for readable golden-file failures.</summary>
public static class LineDiff
{
    public static string Describe(string expected, string actual, int maxLines = 60)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }

        var output = new StringBuilder();
        var shown = 0;
        int x = 0, y = 0;
        while ((x < a.Length || y < b.Length) && shown < maxLines)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                output.AppendLine($"+{y + 1}: {b[y]}");
                y++;
                shown++;
            }
            else
            {
                output.AppendLine($"-{x + 1}: {a[x]}");
                x++;
                shown++;
            }
        }
        if (shown == maxLines)
            output.AppendLine("… (diff truncated)");
        return output.ToString();
    }
}
