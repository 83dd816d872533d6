using System.Text;

namespace Dsl.Runtime.Sources;

/// <summary>
/// A JSON token as the line wrote it, for an error's detail: a number that a double cannot hold
/// (<c>1e400</c>) is named as written, since its parsed value (∞) is not what the line says.
/// </summary>
internal static class WrittenText
{
    // A detail names the value; the whole line follows it in the log anyway.
    private const int MaxBytes = 40;

    public static string Of(ReadOnlySpan<byte> raw) =>
        raw.Length <= MaxBytes ? Encoding.UTF8.GetString(raw) : Encoding.UTF8.GetString(raw[..MaxBytes]) + "…";
}
