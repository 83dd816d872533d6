using System.Runtime.CompilerServices;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Assets;

/// <summary>
/// What generated expressions may ask about the asset being evaluated: its attributes and its zone.
/// A small value passed by <c>in</c>; it never allocates.
/// </summary>
public readonly struct AssetScope
{
    private readonly AssetTable _assets;

    public AssetScope(AssetTable assets, int asset)
    {
        _assets = assets;
        Asset = asset;
    }

    public int Asset { get; }

    public TimeZoneInfo Zone
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _assets.Zone(Asset);
    }

    /// <summary>Attribute <paramref name="attribute"/> (index among the model's attributes) as a number.</summary>
    public bool TryNumber(int attribute, out double value) => _assets.TryNumber(Asset, attribute, out value);

    public bool TryText(int attribute, out string value) => _assets.TryText(Asset, attribute, out value);

    public int Hour(long time) => LocalTimeFunctions.Hour(time, Zone);

    public int Minute(long time) => LocalTimeFunctions.Minute(time, Zone);

    /// <summary>ISO weekday: 1 = Monday … 7 = Sunday.</summary>
    public int Weekday(long time) => LocalTimeFunctions.Weekday(time, Zone);

    public int Day(long time) => LocalTimeFunctions.Day(time, Zone);

    public int Month(long time) => LocalTimeFunctions.Month(time, Zone);

    public int Year(long time) => LocalTimeFunctions.Year(time, Zone);
}
