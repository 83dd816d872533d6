using Dsl.Runtime.Jobs;

namespace Dsl.Cli.Commands;

/// <summary>
/// A run whose every record was ignored wrote nothing, and its summary (<c>ignored=N outputs=0</c>)
/// does not say why. Most often the ids differ from the job's only in case or spelling
/// (<c>"inverter"</c> for model <c>Inverter</c>), so the note names what the job reads.
/// </summary>
internal static class IgnoredInputNote
{
    /// <summary>The note for <c>dsl run</c>, or null when a record was used or none was read.</summary>
    public static string? For(JobManifest manifest, long recordsRead, long ignored)
    {
        if (recordsRead == 0 || ignored < recordsRead)
            return null;
        // Points the job derives are not read from the input, even where a rule reads them.
        var reads = manifest.Points.Where(p => p.IsInput && !p.IsOutput)
            .GroupBy(p => p.ModelId, StringComparer.Ordinal)
            .Select(model => $"model {model.Key}: {string.Join(", ", model.Select(p => p.PointId))}");
        return $"every record was ignored: none is of a model and point the job reads ({string.Join("; ", reads)}). Model and point ids are matched exactly, case included.";
    }
}
