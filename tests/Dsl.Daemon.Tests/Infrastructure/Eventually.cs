namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>Waits for a condition the daemon reaches asynchronously; the limit is generous and never the thing tested.</summary>
internal static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 90, Func<string>? describe = null)
    {
        var limit = DateTime.UtcNow.AddSeconds(seconds);
        T value = await read();
        while (!done(value))
        {
            if (DateTime.UtcNow > limit)
            {
                Assert.Fail($"gave up waiting for {what}; last seen: {value} {describe?.Invoke()}");
            }

            await Task.Delay(50);
            value = await read();
        }

        return value;
    }
}
