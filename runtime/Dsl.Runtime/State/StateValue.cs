using System.Runtime.CompilerServices;

namespace Dsl.Runtime.State;

/// <summary>
/// The value of every entry in the FASTER store: 80 bytes, room for the largest operator value
/// (<see cref="Operators.Aggregates.Moments"/>). Tables reinterpret it as their own value type.
/// </summary>
[InlineArray(Words)]
internal struct StateValue
{
    public const int Words = 10;
    public const int Size = Words * sizeof(long);

    private long _word;
}
