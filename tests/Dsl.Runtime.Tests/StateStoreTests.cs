using System.Runtime.CompilerServices;
using Dsl.Runtime.State;

namespace Dsl.Runtime.Tests;

public sealed class StateStoreTests
{
    [Fact]
    public void A_table_hands_out_refs_that_update_its_entries_in_place()
    {
        IStateTable<int, long> table = new MemoryStateStore().GetTable<int, long>("op.t");
        table.GetOrAdd(7, out bool added) = 41;
        table.GetOrAdd(7, out bool again)++;

        Assert.True(added);
        Assert.False(again);
        Assert.Equal(42, table.Find(7));
        Assert.True(Unsafe.IsNullRef(ref table.Find(8)));
        Assert.True(table.Remove(7));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Tables_are_shared_by_name_and_keep_one_layout()
    {
        var store = new MemoryStateStore();
        store.GetTable<int, long>("op.t").GetOrAdd(1, out _) = 5;

        Assert.Equal(5, store.GetTable<int, long>("op.t").Find(1));
        Assert.Throws<InvalidOperationException>(() => store.GetTable<int, double>("op.t"));
    }

    [Fact]
    public void Finding_an_asset_entry_never_grows_the_table()
    {
        AssetStateTable<long> table = new MemoryStateStore().GetAssetTable<long>("op.p");
        table[20] = 3;
        int count = table.Count;

        table.Find(20)++;
        Assert.Equal(4, table[20]);
        Assert.Equal(0, table.Find(count - 1));
        Assert.True(Unsafe.IsNullRef(ref table.Find(count)));
        Assert.True(Unsafe.IsNullRef(ref table.Find(-1)));
        Assert.Equal(count, table.Count);
    }

    [Fact]
    public void Asset_tables_grow_to_any_slot_with_zeroed_entries()
    {
        AssetStateTable<long> table = new MemoryStateStore().GetAssetTable<long>("op.p");
        table[1000] = 3;

        Assert.Equal(3, table[1000]);
        Assert.Equal(0, table[999]);
        Assert.True(table.Count > 1000);
    }
}
