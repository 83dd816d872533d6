using Dsl.Runtime.Records;

namespace Dsl.Runtime.Tests.Support;

/// <summary>An output of a run with its ids resolved.</summary>
public sealed record Emitted(string Asset, int Point, string PointId, long Time, double Value, string? Text, CalMode Mode);
