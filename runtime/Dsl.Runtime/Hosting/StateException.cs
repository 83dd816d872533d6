namespace Dsl.Runtime.Hosting;

/// <summary>A durable run cannot go on: its state, input or output is not what a checkpoint recorded.</summary>
public sealed class StateException : Exception
{
    public StateException(RuntimeError error, params object?[] args)
        : this(error, null, args)
    {
    }

    public StateException(RuntimeError error, Exception? inner, params object?[] args)
        : base(error?.Format(args) ?? throw new ArgumentNullException(nameof(error)), inner)
    {
        Error = error;
        Arguments = args;
    }

    /// <summary>The values of the message's placeholders, in order (for callers that word it their own way).</summary>
    public IReadOnlyList<object?> Arguments { get; }

    public RuntimeError Error { get; }

    public string Code => Error.Code;

    /// <summary>As the command line prints it: <c>error DSL5001: …</c>.</summary>
    public override string ToString() => $"error {Code}: {Message}";
}
