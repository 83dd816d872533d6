namespace Dsl.Runtime.State;

/// <summary>State that lives only as long as the run; the default store.</summary>
public sealed class MemoryStateStore : IStateStore
{
    private readonly Dictionary<string, object> _tables = new(StringComparer.Ordinal);

    public IStateTable<TKey, TValue> GetTable<TKey, TValue>(string name)
        where TKey : unmanaged, IEquatable<TKey>
        where TValue : unmanaged =>
        Get(name, static () => new MemoryStateTable<TKey, TValue>());

    public AssetStateTable<TValue> GetAssetTable<TValue>(string name)
        where TValue : unmanaged =>
        Get(name, static () => new AssetStateTable<TValue>());

    private T Get<T>(string name, Func<T> create)
        where T : class
    {
        if (!_tables.TryGetValue(name, out object? table))
        {
            table = create();
            _tables.Add(name, table);
        }

        return table as T
            ?? throw new InvalidOperationException($"The state table \"{name}\" was requested with two different layouts.");
    }
}
