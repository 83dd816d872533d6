namespace Dsl.Compiler.Binding;

/// <summary>
/// The words of an energy rule: its methods, its clauses and which methods take which clause.
/// The binder reports what these do not allow, and the editor offers only what they do.
/// </summary>
public static class EnergyFacts
{
    private static readonly (string Name, EnergyMethod Method)[] _methods =
    [
        ("meter", EnergyMethod.Meter),
        ("instant_power", EnergyMethod.InstantPower),
        ("average_power", EnergyMethod.AveragePower),
    ];

    private static readonly EnergyMethod[] _meter = [EnergyMethod.Meter];
    private static readonly EnergyMethod[] _power = [EnergyMethod.InstantPower, EnergyMethod.AveragePower];
    private static readonly EnergyMethod[] _all = [.. _methods.Select(m => m.Method)];

    /// <summary>The methods as written after <c>by</c>.</summary>
    public static IReadOnlyList<string> MethodNames { get; } = [.. _methods.Select(m => m.Name)];

    /// <summary>The clause keywords, each of which an energy block may have once.</summary>
    public static IReadOnlyList<string> ClauseNames { get; } = ["slope", "scale", "daily", "every", "rollover", "range", "missing", "split", "lateness"];

    public static bool TryGetMethod(string name, out EnergyMethod method)
    {
        foreach (var (known, value) in _methods)
        {
            if (known == name)
            {
                method = value;
                return true;
            }
        }
        method = default;
        return false;
    }

    public static string NameOf(EnergyMethod method) => _methods.First(m => m.Method == method).Name;

    /// <summary>
    /// The methods that take a clause: a slope and a rollover describe meter steps, a range and a
    /// missing mode power samples; the other clauses apply to every method.
    /// </summary>
    public static IReadOnlyList<EnergyMethod> MethodsTaking(string clause) => clause switch
    {
        "slope" or "rollover" => _meter,
        "range" or "missing" => _power,
        _ => _all,
    };
}
