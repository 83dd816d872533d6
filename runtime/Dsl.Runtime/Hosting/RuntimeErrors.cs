namespace Dsl.Runtime.Hosting;

/// <summary>
/// The runtime's DSL5xxx messages, code beside message. The runtime cannot reference the compiler,
/// so the same codes and formats are repeated in the compiler's <c>DiagnosticDescriptors</c> (a
/// test keeps the two lists equal) and documented in docs/diagnostics.md. A code is never reused.
/// </summary>
public static class RuntimeErrors
{
    public static readonly RuntimeError StateDamaged = new("DSL5001", RuntimeSeverity.Error, "State directory damaged", "The state directory {0} is damaged: {1}. No intact checkpoint is left in it.", "Delete the directory to start the run over.");
    public static readonly RuntimeError CheckpointFallback = new("DSL5002", RuntimeSeverity.Warning, "Damaged checkpoint skipped", "The checkpoint {0} is damaged ({1}); resuming from the previous checkpoint {2}.");
    public static readonly RuntimeError ForeignJobState = new("DSL5003", RuntimeSeverity.Error, "State of another job", "The state directory {0} holds the state of job \"{1}\", not of \"{2}\".", "Use another state directory, or delete this one.");
    public static readonly RuntimeError IncompatibleState = new("DSL5004", RuntimeSeverity.Error, "State of an incompatible job version", "The state in {0} was written by version {1} of the job, and the state of these operators changed in version {2}: {3}.", "Use a new state directory for the new version, or stop the job to clear its state.");
    public static readonly RuntimeError InputChanged = new("DSL5005", RuntimeSeverity.Error, "Input changed since the checkpoint", "The input {0} is not the one the checkpoint in {1} was taken on ({2}); a resumed run must read the same file.", "Restore that input, or delete the state directory to start over.");
    public static readonly RuntimeError OutputChanged = new("DSL5006", RuntimeSeverity.Error, "Output changed since the checkpoint", "The output {0} does not hold what the checkpoint in {1} committed ({2}).", "Restore that output, or delete the state directory and the output to start over.");
    public static readonly RuntimeError NeedsFiles = new("DSL5007", RuntimeSeverity.Error, "Resumable run needs files", "--state needs {0} to be a file: a resumed run re-reads its input from a position and truncates its output to one, which a pipe, standard input or standard output cannot do.", "Write the input to a file and pass --output FILE.");
    public static readonly RuntimeError StateFormat = new("DSL5008", RuntimeSeverity.Error, "Unknown state format", "The state directory {0} was written in format {1}, and this runtime reads format {2}.", "Use the runtime that wrote it, or delete the directory to start over.");
    public static readonly RuntimeError StateInUse = new("DSL5009", RuntimeSeverity.Error, "State directory in use", "The state directory {0} is in use by another run.", "Wait for it to finish, or use another directory.");
    public static readonly RuntimeError RunComplete = new("DSL5010", RuntimeSeverity.Info, "Run already complete", "The run recorded in {0} is complete ({1} records read, {2} outputs); there is nothing to do.", "Delete the state directory to run again.");
    public static readonly RuntimeError NotAStateDirectory = new("DSL5011", RuntimeSeverity.Error, "Not a state directory", "{0} is not a state directory: it holds {1}, which a run did not write.", "Use an empty or new directory.");

    public static IReadOnlyList<RuntimeError> All { get; } =
        [StateDamaged, CheckpointFallback, ForeignJobState, IncompatibleState, InputChanged, OutputChanged, NeedsFiles, StateFormat, StateInUse, RunComplete, NotAStateDirectory];
}
