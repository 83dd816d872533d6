namespace Dsl.Runtime.Hosting;

/// <summary>Counts of one run. Plain arrays: incremented on the hot path, read by hosts.</summary>
public sealed class RunCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<Counter>().Length];
    private readonly long[] _errors = new long[Enum.GetValues<RecordError>().Length];

    public long this[Counter counter] => _counts[(int)counter];

    public long this[RecordError reason] => _errors[(int)reason];

    /// <summary>Accepted records timed as epoch seconds would be; not a count users see in the summary or a checkpoint.</summary>
    public SecondsLikeTimes SecondsLike { get; } = new();

    public static string Name(Counter counter) => counter switch
    {
        Counter.RecordsRead => "records_read",
        Counter.Ignored => "ignored",
        Counter.Invalid => "invalid",
        Counter.Late => "late",
        Counter.SkippedMissing => "skipped_missing",
        Counter.SkippedAttribute => "skipped_attribute",
        Counter.InvalidResults => "invalid_results",
        Counter.DiscardedSteps => "discarded_steps",
        Counter.Outputs => "outputs",
        _ => "errors",
    };

    public static string Name(RecordError reason) => reason switch
    {
        RecordError.MalformedJson => "malformed_json",
        RecordError.MissingField => "missing_field",
        RecordError.InvalidField => "invalid_field",
        RecordError.InvalidTime => "invalid_time",
        RecordError.WrongValueType => "wrong_value_type",
        _ => "model_mismatch",
    };

    public void Increment(Counter counter) => _counts[(int)counter]++;

    public void Add(Counter counter, long amount) => _counts[(int)counter] += amount;

    public void Increment(RecordError reason)
    {
        _errors[(int)reason]++;
        _counts[(int)Counter.Errors]++;
    }

    /// <summary>One line per non-zero counter, <c>name=value</c>, in a stable order.</summary>
    public string Summary()
    {
        var parts = new List<string>();
        foreach (Counter counter in Enum.GetValues<Counter>())
        {
            parts.Add($"{Name(counter)}={this[counter]}");
        }

        foreach (RecordError reason in Enum.GetValues<RecordError>())
        {
            if (this[reason] != 0)
            {
                parts.Add($"errors.{Name(reason)}={this[reason]}");
            }
        }

        return string.Join(' ', parts);
    }

    /// <summary>Every count by its user-visible name (errors as <c>errors.reason</c>): what a checkpoint records.</summary>
    public IReadOnlyDictionary<string, long> ToDictionary()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Counter counter in Enum.GetValues<Counter>())
        {
            counts[Name(counter)] = this[counter];
        }

        foreach (RecordError reason in Enum.GetValues<RecordError>())
        {
            counts["errors." + Name(reason)] = this[reason];
        }

        return counts;
    }

    /// <summary>Sets the counts a checkpoint recorded; names it does not know are ignored.</summary>
    internal void Restore(IReadOnlyDictionary<string, long> counts)
    {
        foreach (Counter counter in Enum.GetValues<Counter>())
        {
            _counts[(int)counter] = counts.TryGetValue(Name(counter), out long value) ? value : 0;
        }

        foreach (RecordError reason in Enum.GetValues<RecordError>())
        {
            _errors[(int)reason] = counts.TryGetValue("errors." + Name(reason), out long value) ? value : 0;
        }
    }
}
