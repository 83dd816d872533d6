using System.Text;
using Xunit.Sdk;

namespace Dsl.TestUtilities;

/// <summary>
/// Compares produced text with an expected file. With DSL_UPDATE_BASELINES=1 it rewrites the
/// file instead, so a deliberate change is one command followed by a reviewable diff.
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "DSL_UPDATE_BASELINES";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static void AssertMatches(string expectedPath, string actual, string testProject = "tests/Dsl.Compiler.Tests")
    {
        actual = Normalize(actual);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath) ?? ".");
            File.WriteAllText(expectedPath, actual);
            return;
        }

        var expected = File.Exists(expectedPath) ? Normalize(File.ReadAllText(expectedPath)) : null;
        if (expected == actual)
            return;

        var message = new StringBuilder();
        message.AppendLine(expected is null
            ? $"Expected file {expectedPath} does not exist."
            : $"Output differs from {expectedPath}:");
        if (expected is not null)
            message.Append(LineDiff.Describe(expected, actual));
        message.AppendLine($"If the change is intended, run: {UpdateVariable}=1 dotnet test {testProject}");
        throw new XunitException(message.ToString());
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");
}
