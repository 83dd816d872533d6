namespace Dsl.Runtime.State;

/// <summary>A keyed table as a checkpoint recorded it: its id in the store, its layout and its size.</summary>
internal sealed record StoredTable(string Name, int Id, string KeyLayout, string ValueLayout, long Count);
