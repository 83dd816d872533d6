using Dsl.Compiler;

namespace Dsl.Cli.Reporting;

/// <summary>An exception's message as a command prints it to the user.</summary>
public static class UserMessage
{
    /// <summary>
    /// The message without what is meant for programmers: an <see cref="ArgumentException"/> (a name
    /// that is no job or token name) appends " (Parameter 'name')", a parameter of the code, and a
    /// refused file access names the file made absolute ("Access to the path '/home/ann/w/jobs/x.stream'
    /// is denied.", said as "jobs/x.stream: permission denied").
    /// </summary>
    public static string Of(Exception e) => e switch
    {
        ArgumentException { ParamName: { } parameter } => e.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal),
        UnauthorizedAccessException => FileRefusals.Described(e),
        _ => e.Message,
    };
}
