using System.Globalization;
using System.Net;

namespace Dsl.Control.Wire;

/// <summary>Parses the <c>--listen</c> value of <c>dsl serve</c>: <c>HOST:PORT</c>, <c>[IPv6]:PORT</c> or <c>:PORT</c>.</summary>
public static class ListenAddress
{
    /// <summary>The default endpoint: loopback only, port 7400.</summary>
    public static IPEndPoint Default { get; } = new(IPAddress.Loopback, 7400);

    /// <summary>Parses an address; <c>localhost</c> is the IPv4 loopback and an empty host is loopback too.</summary>
    /// <exception cref="FormatException">The text is not an address and port.</exception>
    public static IPEndPoint Parse(string text)
    {
        if (TryParse(text, out var endPoint))
        {
            return endPoint;
        }

        throw new FormatException($"'{text}' is not a listen address; expected HOST:PORT, e.g. 127.0.0.1:7400.");
    }

    /// <summary>Parses an address; false when it is malformed.</summary>
    public static bool TryParse(string? text, out IPEndPoint endPoint)
    {
        endPoint = Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        int colon = value.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            return false;
        }

        var host = value[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        IPAddress? address = host switch
        {
            "" or "localhost" => IPAddress.Loopback,
            "*" => IPAddress.Any,
            _ => IPAddress.TryParse(host, out var parsed) ? parsed : null,
        };
        if (address is null)
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }
}
