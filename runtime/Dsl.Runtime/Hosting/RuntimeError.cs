using System.Globalization;

namespace Dsl.Runtime.Hosting;

/// <summary>
/// A kind of runtime message: stable code, severity and message format, as the compiler's
/// descriptors. The format is what happened (<paramref name="Fact"/>) and then what to do about
/// it (<paramref name="Advice"/>), which is said for <c>dsl run --state</c>: the daemon, whose
/// state directories the user does not manage, gives the fact with advice of its own.
/// </summary>
public sealed record RuntimeError(string Code, RuntimeSeverity Severity, string Title, string Fact, string Advice = "")
{
    public string MessageFormat => Advice.Length == 0 ? Fact : Fact + " " + Advice;

    public string Format(params object?[] args) => Fill(MessageFormat, args);

    /// <summary>What happened, without the advice.</summary>
    public string FormatFact(params object?[] args) => Fill(Fact, args);

    private static string Fill(string format, object?[] args) =>
        args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
}
