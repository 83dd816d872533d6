using Dsl.Cli.Commands;

namespace Dsl.Cli;

/// <summary>The <c>dsl</c> command. Exit codes: 0 success, 1 user error, 2 usage error.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.SetOut(InputFiles.StandardOutputWriter());
        return CommandLine.Run(args);
    }
}
