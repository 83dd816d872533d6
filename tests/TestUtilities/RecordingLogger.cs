using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dsl.TestUtilities;

/// <summary>Keeps every formatted log line with its level, for tests that check what was reported.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _lines = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, object?>> _properties = new();

    public (LogLevel Level, string Message)[] Lines => [.. _lines];

    /// <summary>Each line's structured properties (the template's placeholders and their values), in the order of <see cref="Lines"/>.</summary>
    public IReadOnlyDictionary<string, object?>[] Properties => [.. _properties];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _properties.Enqueue(state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal));
        _lines.Enqueue((logLevel, formatter(state, exception)));
    }
}
