using System.Security.Cryptography;
using System.Text;

namespace Dsl.Compiler.Planning;

/// <summary>Short, stable hashes for versions and state fingerprints.</summary>
public static class Fingerprints
{
    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static string Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
}
