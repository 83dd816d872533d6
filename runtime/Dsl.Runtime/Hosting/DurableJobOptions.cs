using Dsl.Runtime.State;

namespace Dsl.Runtime.Hosting;

/// <summary>Options of a job whose state and position survive restarts.</summary>
/// <param name="StateDirectory">Where the state store and checkpoints live; one job per directory.</param>
/// <param name="Session">Assets and error log of the run; its <c>Store</c> is ignored (the durable store is used).</param>
/// <param name="Store">The state store's memory budget.</param>
public sealed record DurableJobOptions(string StateDirectory, JobSessionOptions? Session = null, StateStoreOptions? Store = null);
