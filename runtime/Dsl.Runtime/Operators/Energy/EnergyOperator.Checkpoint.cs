using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>The operator's state in a checkpoint: each asset's horizon and open intervals, and the unit its readings are kept in.</summary>
public sealed partial class EnergyOperator<TParams>
{
    public void WriteState(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ReturnAllHeads();
        writer.Write(_assets.Length);
        foreach (EnergyAssetState? state in _assets)
        {
            writer.Write(state is not null);
            state?.WriteTo(writer, _log);
        }

        writer.Write(ReadingsInRegisterUnit);
        LendAllHeads();
    }

    public void ReadState(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int assets = reader.ReadCount();
        _assets = new EnergyAssetState?[Math.Max(16, assets)];
        _heads = [];
        for (int asset = 0; asset < assets; asset++)
        {
            if (reader.ReadBoolean())
            {
                _assets[asset] = new EnergyAssetState();
                _assets[asset]!.ReadFrom(reader);
            }
        }

        // A checkpoint without the marker kept a meter's readings converted to kWh.
        bool inRegisterUnit = !reader.AtEnd && reader.ReadInt32() == ReadingsInRegisterUnit;
        _log = _options.Split ? null : new ReadingLog();
        foreach (EnergyAssetState? state in _assets)
        {
            if (state is null)
            {
                continue;
            }

            if (!inRegisterUnit && _stepFactor != 1)
            {
                state.ScaleReadings(1 / _stepFactor);
            }

            if (_log is not null)
            {
                state.MoveToLog(_log);
            }
        }
    }
}
