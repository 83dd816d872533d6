using System.Text.Json;
using System.Text.Json.Serialization;
using Dsl.Runtime.Sources;

namespace Dsl.Releases.Workspaces;

/// <summary>
/// The file of <c>dsl export</c>: a job and every model file it imports, with their paths in
/// the workspace, so <c>dsl import</c> recreates a job that compiles in another workspace.
/// </summary>
public sealed record ExportBundle(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("job")] string Job,
    [property: JsonPropertyName("files")] IReadOnlyList<ExportedFile> Files)
{
    public const string CurrentFormat = "dsl-export/1";

    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, _json);

    /// <summary>Reads a bundle; <see cref="InvalidDataException"/> when the file is not one.</summary>
    public static ExportBundle Parse(string json)
    {
        // The reader's own words for these ("… when isFinalBlock is true. Path: $ | LineNumber: 0")
        // speak to programmers and count from 0.
        if (string.IsNullOrWhiteSpace(json))
            throw new InvalidDataException("not a dsl export file: it is empty.");
        ExportBundle? bundle;
        try
        {
            bundle = JsonSerializer.Deserialize<ExportBundle>(json, _json);
        }
        catch (JsonException e) when (e.InnerException is JsonException)
        {
            // A syntax error carries the reader's own exception.
            throw new InvalidDataException($"not a dsl export file: it is not JSON{JsonProblem.Position(e)}: {JsonProblem.Reason(e)}", e);
        }
        catch (JsonException e)
        {
            // JSON of another shape; the serializer would name its own types.
            string where = e.Path is null or "$" ? "its value" : e.Path.TrimStart('$', '.');
            throw new InvalidDataException(
                $"not a dsl export file: {where}{JsonProblem.Position(e)} is not what an export holds (an object with a \"format\", a \"job\" and a list of \"files\", each an object with a \"path\" and a \"text\", all strings).", e);
        }
        if (bundle is null || bundle.Format != CurrentFormat)
            throw new InvalidDataException($"not a dsl export file (expected format \"{CurrentFormat}\").");
        // JSON leaves out or nulls what it likes (a file edited by hand): that is no export, and
        // not a job without a name or a file without text, which would be written empty.
        if (bundle.Job is null || bundle.Files is null)
            throw new InvalidDataException("not a dsl export file: it has no \"job\" or no \"files\".");
        if (bundle.Files.Any(f => f?.Path is null || f.Text is null))
            throw new InvalidDataException("not a dsl export file: each of its \"files\" has a \"path\" and a \"text\".");
        // Two texts for one path: which to write is anyone's guess, and writing one would leave the
        // import half done when the other is refused.
        if (bundle.Files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidDataException($"not a dsl export file: it holds {twice.Key} twice.");
        return bundle;
    }
}
