namespace Dsl.Runtime.Records;

/// <summary>A computed value: numeric (double; bool as 0/1) or, for string outputs, text.</summary>
public readonly record struct PointValue(double Number, string? Text)
{
    public static PointValue FromNumber(double number) => new(number, null);

    public static PointValue FromBool(bool value) => new(value ? 1 : 0, null);

    public static PointValue FromText(string text) => new(0, text);
}
