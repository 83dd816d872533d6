namespace Dsl.Runtime.Tests.Support;

/// <summary>What an output is compared by: the last value per key wins.</summary>
public readonly record struct OutputKey(string Asset, int Point, long Time);
