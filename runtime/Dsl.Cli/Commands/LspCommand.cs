using System.CommandLine;
using Dsl.LanguageServer;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl lsp</c>: the language server on stdio (stdout carries only protocol).</summary>
public static class LspCommand
{
    public static Command Create()
    {
        // LSP clients that start a server on stdio say so with --stdio (VS Code's language client
        // appends it to the command); stdio is the only transport, so the flag only has to be accepted.
        var stdio = new Option<bool>("--stdio") { Description = "Use stdin/stdout (the only transport; LSP clients pass it)." };
        var command = new Command("lsp", "Run the language server over stdin/stdout (LSP 3.17).") { stdio };
        command.SetAction((_, cancellationToken) => LanguageServerHost.RunOnStandardStreamsAsync(cancellationToken));
        return command;
    }
}
