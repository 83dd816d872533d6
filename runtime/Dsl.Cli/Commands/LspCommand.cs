using System.CommandLine;
using Dsl.LanguageServer;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl lsp</c>: the language server on stdio (stdout carries only protocol).</summary>
public static class LspCommand
{
    public static Command Create()
    {
        var command = new Command("lsp", "Run the language server over stdin/stdout (LSP 3.17).");
        command.SetAction((_, cancellationToken) => LanguageServerHost.RunOnStandardStreamsAsync(cancellationToken));
        return command;
    }
}
