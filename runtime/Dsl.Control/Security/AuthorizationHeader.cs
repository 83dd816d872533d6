using System.Text;

namespace Dsl.Control.Security;

/// <summary>Extracts the token secret from an <c>authorization</c> header.</summary>
internal static class AuthorizationHeader
{
    private const string BearerPrefix = "Bearer ";
    private const string BasicPrefix = "Basic ";

    /// <summary>
    /// Reads <c>Bearer TOKEN</c>; with <paramref name="allowBasic"/> also <c>Basic base64(user:TOKEN)</c>,
    /// the only form git's HTTP client can send (the user name is ignored).
    /// </summary>
    public static bool TryGetToken(string? header, bool allowBasic, out string token)
    {
        token = string.Empty;
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        var value = header.Trim();
        if (value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            token = value[BearerPrefix.Length..].Trim();
            return token.Length > 0;
        }

        if (allowBasic && value.StartsWith(BasicPrefix, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value[BasicPrefix.Length..].Trim()));
                int colon = decoded.IndexOf(':', StringComparison.Ordinal);
                token = colon >= 0 ? decoded[(colon + 1)..] : string.Empty;
                return token.Length > 0;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return false;
    }
}
