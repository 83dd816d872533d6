using Microsoft.Extensions.Logging;

namespace Dsl.TestUtilities;

/// <summary>Hands out one <see cref="RecordingLogger"/> for every category, for hosts that take a logger factory.</summary>
public sealed class RecordingLoggerFactory(RecordingLogger logger) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
