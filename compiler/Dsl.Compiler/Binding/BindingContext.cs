using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary>
/// What an expression may use where it stands: points (rule bodies), attributes (per-asset
/// constants), point history (merge only) and the evaluation time. <see cref="Usage"/> names
/// the place for messages ("The slope", "A point range").
/// </summary>
internal sealed record BindingContext(ModelSymbol Model, RuleKind? Rule, bool AllowPoints, bool AllowAttributes, bool AllowHistory, bool AllowTime, string Usage)
{
    public static BindingContext Merge(ModelSymbol model) => new(model, RuleKind.Merge, true, true, true, true, "A merge output");

    public static BindingContext Aggregate(ModelSymbol model) => new(model, RuleKind.Aggregate, true, true, false, true, "An aggregate argument");

    /// <summary>Per-asset constants: attributes and literals (slope, scale, energy range).</summary>
    public static BindingContext AttributesAndConstants(ModelSymbol model, RuleKind rule, string usage) => new(model, rule, false, true, false, false, usage);

    /// <summary>Literals only (point ranges, attribute defaults, percentiles, fill, rollover).</summary>
    public static BindingContext Constants(ModelSymbol model, string usage) => new(model, null, false, false, false, false, usage);

    /// <summary>What the context allows, for "can use only …" messages.</summary>
    public string Allowed => AllowAttributes ? "attributes and constants" : "constants";
}
