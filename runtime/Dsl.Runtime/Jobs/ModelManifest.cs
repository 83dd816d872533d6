namespace Dsl.Runtime.Jobs;

/// <summary>A model the job reads or writes and its attributes (in declaration order).</summary>
public sealed record ModelManifest(string ModelId, IReadOnlyList<AttributeManifest> Attributes);
