using Dsl.Compiler;
using Dsl.Runtime.Hosting;

namespace Dsl.Cli.Reporting;

/// <summary>An exception's message as a command prints it to the user.</summary>
public static class UserMessage
{
    /// <summary>
    /// The message without what is meant for programmers: an <see cref="ArgumentException"/> (a name
    /// that is no job or token name) appends " (Parameter 'name')", a parameter of the code, and a
    /// refused file access names the file made absolute ("Access to the path '/home/ann/w/jobs/x.stream'
    /// is denied.", said as "jobs/x.stream: permission denied"), as does a full disk or a read-only
    /// file system ("No space left on device : '/home/ann/w/o.jsonl'", said as "o.jsonl: no space
    /// left on the device").
    /// </summary>
    public static string Of(Exception e) => e switch
    {
        ArgumentException { ParamName: { } parameter } => e.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal),
        UnauthorizedAccessException or IOException when FileSystemRefusal.KindOf(e) != FileSystemRefusalKind.None => FileRefusals.Described(e),
        _ => e.Message,
    };
}
