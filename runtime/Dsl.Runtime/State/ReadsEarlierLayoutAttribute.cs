namespace Dsl.Runtime.State;

/// <summary>
/// An earlier layout of an asset table's value (as <see cref="StateLayout.Describe"/> wrote it) whose
/// checkpoints read as this one: the fields added since lie in what was its padding, which the
/// table's bytes hold as zero (entries are only ever written field by field into a zeroed array),
/// so they read as their defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Struct, AllowMultiple = true)]
public sealed class ReadsEarlierLayoutAttribute(string layout) : Attribute
{
    public string Layout { get; } = layout;
}
