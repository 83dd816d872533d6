using Dsl.Compiler.Parsing;
using Dsl.Releases.Repository;

namespace Dsl.Releases.Workspaces;

/// <summary>The job templates of <c>dsl new</c>, embedded in this assembly.</summary>
public static class JobTemplates
{
    public static readonly IReadOnlyList<string> Names = ["window", "merge", "meter-energy", "power-energy"];

    /// <summary>The template's text with the job's name filled in.</summary>
    public static string Render(string template, string job)
    {
        JobPaths.Validate(job);
        // The template writes the name bare on its job line, where a reserved word does not parse.
        if (ReservedWords.Contains(job))
            throw new WorkspaceException($"'{job}' is a reserved word of the language ({string.Join(", ", ReservedWords.All.Order(StringComparer.Ordinal))}) and cannot name a job; choose another name.");
        if (!Names.Contains(template, StringComparer.Ordinal))
            throw new ArgumentException($"no template '{template}'; choose one of {string.Join(", ", Names)}.", nameof(template));
        using var stream = typeof(JobTemplates).Assembly.GetManifestResourceStream($"Dsl.Releases.Templates.{template}.stream")
            ?? throw new InvalidOperationException($"The template '{template}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("{{job}}", job, StringComparison.Ordinal);
    }
}
