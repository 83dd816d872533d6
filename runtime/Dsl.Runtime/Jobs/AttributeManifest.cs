using Dsl.Runtime.Records;

namespace Dsl.Runtime.Jobs;

/// <summary>
/// A per-asset constant. Its index among its model's attributes is the number generated code
/// passes to <see cref="Assets.AssetScope.TryNumber"/>.
/// </summary>
/// <param name="Default">The value for assets whose master data lacks it; null when there is none.</param>
public sealed record AttributeManifest(string Name, PointValueType ValueType, string? Unit, PointValue? Default);
