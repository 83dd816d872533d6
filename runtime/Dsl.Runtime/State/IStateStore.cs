namespace Dsl.Runtime.State;

/// <summary>
/// Where operators keep state. Each operator asks for its tables by a name that is unique in the
/// job (its operator name plus a suffix), so a checkpoint can persist and restore them by name.
/// </summary>
public interface IStateStore
{
    IStateTable<TKey, TValue> GetTable<TKey, TValue>(string name)
        where TKey : unmanaged, IEquatable<TKey>
        where TValue : unmanaged;

    AssetStateTable<TValue> GetAssetTable<TValue>(string name)
        where TValue : unmanaged;
}
