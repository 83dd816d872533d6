namespace Dsl.Runtime.Records;

/// <summary>A result of a rule, addressed by dense slots; the sink turns slots back into ids.</summary>
public readonly record struct OutputRecord(
    int Asset,
    int Point,
    long Time,
    double Value,
    string? Text,
    CalMode Mode);
