using Dsl.LanguageServer;

// The whole program: an LSP session on stdin/stdout, logs on stderr.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await LanguageServerHost.RunOnStandardStreamsAsync(cancellation.Token);
