namespace Dsl.LanguageServer;

/// <summary>
/// The entry point of <c>dsl lsp</c>: runs one language server session over a stream pair
/// (stdin/stdout for an editor). Logs go to stderr; stdout carries nothing but protocol.
/// </summary>
public static class LanguageServerHost
{
    /// <summary>Runs until the client sends <c>exit</c> or disconnects. Returns the process exit code.</summary>
    public static Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken) =>
        RunAsync(input, output, Console.Error, new LanguageServerOptions(), cancellationToken);

    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log, LanguageServerOptions options, CancellationToken cancellationToken)
    {
        var server = new LanguageServer(input, output, log, options);
        return await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs on the process's standard streams, as an editor starts it. Anything else in the
    /// process that writes to <see cref="Console.Out"/> is sent to stderr, so a stray line of
    /// output can never corrupt the protocol stream.
    /// </summary>
    public static async Task<int> RunOnStandardStreamsAsync(CancellationToken cancellationToken)
    {
        await using var input = Console.OpenStandardInput();
        await using var output = Console.OpenStandardOutput();
        var console = Console.Out;
        Console.SetOut(Console.Error);
        try
        {
            return await RunAsync(input, output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Console.SetOut(console);
        }
    }
}
