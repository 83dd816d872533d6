using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Dsl.Control.Security;

/// <summary>
/// Token secrets and their hashes. A secret is 32 random bytes, so it cannot be guessed and a
/// salted SHA-256 protects it as well as a slow password hash would, while keeping the check
/// that runs on every call cheap.
/// </summary>
internal static class TokenHashing
{
    public const string SecretPrefix = "dsl_";
    public const int SaltSize = 16;

    // Longer presented tokens are refused before hashing; real secrets are 47 characters.
    public const int MaxTokenLength = 512;

    public static string NewSecret() => SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltSize);

    public static byte[] Hash(byte[] salt, string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(input, 0);
        secretBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    public static bool Matches(StoredToken stored, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(stored.Salt, secret), stored.Hash);
}
