using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Sources;

/// <summary>
/// Offline input on two cores: a reader thread splits and parses lines into batches of
/// <see cref="InputRecord"/>s while the calling thread runs the job on the previous batch. Results
/// are identical to parsing inline — records keep their order, and parsing (with its counters,
/// error log and asset-slot assignment) stays on one thread — only the two stages overlap.
/// </summary>
internal sealed class PipelinedInput
{
    // Bounded so that a fast parser cannot run ahead of the job by more than a few batches of memory.
    private const int InFlight = 8;

    private readonly Utf8LineReader _lines;
    private readonly NdjsonRecordReader _parser;
    private readonly BlockingCollection<RecordBatch> _full = new(new ConcurrentQueue<RecordBatch>(), InFlight);
    private readonly ConcurrentBag<RecordBatch> _free = [];
    private readonly CancellationTokenSource _stop = new();
    private ExceptionDispatchInfo? _failure;

    public PipelinedInput(Utf8LineReader lines, NdjsonRecordReader parser)
    {
        _lines = lines;
        _parser = parser;
    }

    /// <summary>Runs <paramref name="process"/> on every parsed record, in input order, on the calling thread.</summary>
    public void Run(Action<RecordBatch> process)
    {
        var reader = new Thread(Read) { IsBackground = true, Name = "dsl input" };
        reader.Start();
        try
        {
            foreach (RecordBatch batch in _full.GetConsumingEnumerable())
            {
                process(batch);
                batch.Count = 0;
                _free.Add(batch);
            }
        }
        finally
        {
            // If the job failed, stop the reader before leaving so nothing touches the session after.
            _stop.Cancel();
            reader.Join();
            _stop.Dispose();
            _full.Dispose();
        }

        _failure?.Throw();
    }

    private void Read()
    {
        try
        {
            RecordBatch batch = Rent();
            while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
            {
                if (_parser.Parse(line, _lines.LineNumber, out InputRecord record) != ParseOutcome.Record)
                {
                    continue;
                }

                batch.Records[batch.Count++] = record;
                if (batch.IsFull)
                {
                    _full.Add(batch, _stop.Token);
                    batch = Rent();
                }
            }

            if (batch.Count > 0)
            {
                _full.Add(batch, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The job stopped consuming; its own exception is the one that matters.
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _full.CompleteAdding();
        }
    }

    private RecordBatch Rent() => _free.TryTake(out RecordBatch? batch) ? batch : new RecordBatch();
}
