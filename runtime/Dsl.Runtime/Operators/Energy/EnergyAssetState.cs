namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// Per-asset state of an energy rule: the algorithm's state before the horizon, the accepted
/// readings that a late reading could still precede (sorted by time, ties in arrival order), and
/// the asset's open intervals sorted by end.
/// </summary>
internal sealed class EnergyAssetState
{
    public StepState Base;

    public bool Seen;

    public long Latest;

    public List<EnergyReading> Readings { get; } = [];

    public List<EnergyIntervalKey> Open { get; } = [];
}
