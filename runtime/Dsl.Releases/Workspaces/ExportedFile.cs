using System.Text.Json.Serialization;

namespace Dsl.Releases.Workspaces;

/// <summary>One file of an export: its workspace path (always with '/') and text.</summary>
public sealed record ExportedFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("text")] string Text);
