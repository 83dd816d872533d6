namespace Dsl.Runtime.Tests.Support;

/// <summary>An input record of a test, in arrival order when in a list.</summary>
public sealed record TestRecord(string Asset, int Point, long Time, double Value);
