using Google.Protobuf;

namespace Dsl.Control.Wire;

/// <summary>The <c>grpc-status-details-bin</c> header: a base64 <c>google.rpc.Status</c> with typed details.</summary>
internal static class StatusDetails
{
    public static string? Encode(StatusCode status, string message, IReadOnlyList<Google.Protobuf.WellKnownTypes.Any> details)
    {
        if (details.Count == 0)
        {
            return null;
        }

        var rpcStatus = new Google.Rpc.Status { Code = (int)status, Message = message };
        rpcStatus.Details.AddRange(details);
        return Convert.ToBase64String(rpcStatus.ToByteArray());
    }

    /// <summary>Decodes the header; peers may omit base64 padding. Null when absent or unreadable.</summary>
    public static Google.Rpc.Status? Decode(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var text = header.Trim();
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(text));
        }
        catch (Exception e) when (e is FormatException or InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
