namespace Dsl.Runtime.State;

/// <summary>What a checkpoint records of a keyed table besides its entries (which FASTER holds).</summary>
internal interface IStoreTable
{
    string Name { get; }

    int Id { get; }

    long LongCount { get; }

    Type KeyType { get; }

    Type ValueType { get; }
}
