using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Assets;

/// <summary>
/// Master data values against the job's attribute declarations. The language converts nothing
/// implicitly, so a string <c>"1500"</c> for a <c>double</c> attribute is a defect of the file, reported
/// before the first record like an unknown time zone, not a silent 0.
/// </summary>
public static class AttributeTypeCheck
{
    private const int MaxListed = 10;

    /// <summary>Throws <see cref="InvalidDataException"/> naming every mismatch (the first ten).</summary>
    public static void Check(JobManifest manifest, PointTable points, IEnumerable<AssetMasterData> assets)
    {
        var problems = new List<string>();
        foreach (AssetMasterData asset in assets)
        {
            if (asset.AttributeTypes is null)
            {
                continue;
            }

            // An asset without a model in its file takes its first record's: its values must suit some model that declares them.
            IReadOnlyList<ModelManifest> models = asset.ModelId is { } id && points.TryGetModel(id, out int model) ? [manifest.Models[model]]
                : asset.ModelId is null ? manifest.Models : [];
            AttributeManifest[] attributes = [.. models.SelectMany(m => m.Attributes)];
            foreach ((string name, PointValueType given) in asset.AttributeTypes)
            {
                AttributeManifest[] declared = [.. attributes.Where(a => a.Name == name)];

                // An attribute of other jobs is no concern of this one, but one in another case than
                // the job's, which the file does not give as declared, is a misspelling: taken for
                // another's, it would leave the asset on the declared one's default without a word.
                if (declared.Length == 0
                    && attributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)) is { } meant
                    && !asset.AttributeTypes.ContainsKey(meant.Name))
                {
                    problems.Add($"attribute \"{name}\" of asset \"{asset.AssetId}\" is not declared; the job declares \"{meant.Name}\", which names are told apart by case");
                    continue;
                }

                if (declared.Length > 0 && !declared.Any(a => Accepts(a.ValueType, given, asset.Attributes[name])))
                {
                    string range = declared[0].ValueType == PointValueType.Int && given == PointValueType.Long ? ", beyond an int's range" : string.Empty;
                    problems.Add($"attribute \"{name}\" of asset \"{asset.AssetId}\" is declared {Describe(declared[0].ValueType)}, but the file gives {Describe(given, asset.Attributes[name])}{range}");
                }
            }
        }

        if (problems.Count > 0)
        {
            string more = problems.Count > MaxListed ? $"; and {problems.Count - MaxListed} more" : string.Empty;
            throw new InvalidDataException(string.Join("; ", problems.Take(MaxListed)) + more + ".");
        }
    }

    private static bool Accepts(PointValueType declared, PointValueType given, PointValue value) => declared switch
    {
        PointValueType.Double => given is PointValueType.Double or PointValueType.Long,
        PointValueType.Long => given == PointValueType.Long,
        PointValueType.Int => given == PointValueType.Long && value.Number is >= int.MinValue and <= int.MaxValue,
        _ => given == declared,
    };

    private static string Describe(PointValueType type) => type switch
    {
        PointValueType.Double => "double",
        PointValueType.Long => "long",
        PointValueType.Int => "int",
        PointValueType.Bool => "bool",
        _ => "string",
    };

    private static string Describe(PointValueType given, PointValue value) => given switch
    {
        PointValueType.String => $"the string \"{value.Text}\"",
        PointValueType.Bool => $"the bool {(value.Number != 0 ? "true" : "false")}",
        _ => $"the number {value.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
    };
}
