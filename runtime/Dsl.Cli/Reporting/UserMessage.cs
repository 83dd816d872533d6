namespace Dsl.Cli.Reporting;

/// <summary>An exception's message as a command prints it to the user.</summary>
public static class UserMessage
{
    /// <summary>
    /// The message without what is meant for programmers: an <see cref="ArgumentException"/> (a name
    /// that is no job or token name) appends " (Parameter 'name')", a parameter of the code.
    /// </summary>
    public static string Of(Exception e) =>
        e is ArgumentException { ParamName: { } parameter }
            ? e.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal)
            : e.Message;
}
