using System.Globalization;
using System.Text;
using Dsl.Control.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Dsl.Control.Wire;

/// <summary>
/// Keeps a status small enough to be sent. The status travels in HTTP/2 headers (or trailers),
/// which Kestrel and clients limit in size: a status past those limits is never delivered and
/// leaves the client waiting. So the message and the details of every status the server sends
/// are cut to a bound here, the one place every status passes through on its way out.
/// </summary>
internal static class StatusLimits
{
    /// <summary>The longest <c>grpc-message</c>, in bytes as sent (percent-encoded).</summary>
    public const int MaxMessageBytes = 2048;

    /// <summary>The longest <c>grpc-status-details-bin</c>, in bytes as sent (base64).</summary>
    public const int MaxDetailsBytes = 16 * 1024;

    /// <summary>How many diagnostics a <c>Diagnostics</c> detail keeps at most.</summary>
    public const int MaxDiagnostics = 100;

    private const string Ellipsis = " … ";

    /// <summary>The message, cut in the middle (keeping its start and end) when it is too long to send.</summary>
    public static string CapMessage(string message)
    {
        if (StatusMessageEncoding.Encode(message).Length <= MaxMessageBytes)
        {
            return message;
        }

        // Keep three quarters from the start and a quarter from the end, shrinking until the
        // encoded text fits; non-ASCII text takes up to nine bytes a character once encoded.
        var info = new StringInfo(message);
        int keep = Math.Min(info.LengthInTextElements, MaxMessageBytes);
        while (keep > 0)
        {
            int head = keep * 3 / 4;
            int tail = keep - head;
            var cut = info.SubstringByTextElements(0, head) + Ellipsis + info.SubstringByTextElements(info.LengthInTextElements - tail, tail);
            if (StatusMessageEncoding.Encode(cut).Length <= MaxMessageBytes)
            {
                return cut;
            }

            keep = keep * 3 / 4;
        }

        return Ellipsis.Trim();
    }

    /// <summary>
    /// The <c>grpc-status-details-bin</c> value, or null when there are no details or none fit.
    /// A <c>Diagnostics</c> detail keeps its first diagnostics (at most <see cref="MaxDiagnostics"/>,
    /// fewer when they are long) and counts the rest in <c>omitted</c>; another detail that does
    /// not fit is left out.
    /// </summary>
    public static string? EncodeDetails(StatusCode status, string message, IReadOnlyList<Any> details)
    {
        if (details.Count == 0)
        {
            return null;
        }

        var capped = details.Select(d => d.Is(Diagnostics.Descriptor) ? Pack(d.Unpack<Diagnostics>(), MaxDiagnostics) : d).ToList();
        var encoded = StatusDetails.Encode(status, message, capped);
        if (encoded is null || encoded.Length <= MaxDetailsBytes)
        {
            return encoded;
        }

        // Too long still: shrink the diagnostics until the whole fits, then drop what cannot.
        for (int i = 0; i < capped.Count; i++)
        {
            if (!capped[i].Is(Diagnostics.Descriptor))
            {
                continue;
            }

            var diagnostics = capped[i].Unpack<Diagnostics>();
            int total = diagnostics.Items.Count + (int)Math.Min(diagnostics.Omitted, int.MaxValue - diagnostics.Items.Count);
            int keep = diagnostics.Items.Count;
            while (keep > 0 && encoded is not null && encoded.Length > MaxDetailsBytes)
            {
                keep /= 2;
                capped[i] = Pack(diagnostics, keep, total);
                encoded = StatusDetails.Encode(status, message, capped);
            }
        }

        while (encoded is not null && encoded.Length > MaxDetailsBytes)
        {
            // Drop the largest detail that is left.
            var largest = capped.MaxBy(d => d.CalculateSize())!;
            capped.Remove(largest);
            encoded = StatusDetails.Encode(status, message, capped);
        }

        return encoded;
    }

    private static Any Pack(Diagnostics diagnostics, int keep) =>
        Pack(diagnostics, keep, diagnostics.Items.Count + (int)Math.Min(diagnostics.Omitted, int.MaxValue - diagnostics.Items.Count));

    private static Any Pack(Diagnostics diagnostics, int keep, int total)
    {
        var kept = new Diagnostics { Omitted = (uint)(total - Math.Min(keep, diagnostics.Items.Count)) };
        kept.Items.AddRange(diagnostics.Items.Take(keep));
        return Any.Pack(kept);
    }
}
