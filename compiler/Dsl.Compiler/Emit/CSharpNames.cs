using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Compiler.Emit;

/// <summary>
/// The only way text from a .stream file reaches generated C#: names become identifiers made
/// of letters, digits and underscores (with a stable hash when anything was dropped), and
/// strings become escaped literals.
/// </summary>
internal static class CSharpNames
{
    /// <summary>
    /// The longest identifier kept whole. Metadata names are limited to 1,024 bytes (CS7013), and a
    /// name of any length is valid in a .stream file, so a longer one is cut and told apart by its hash.
    /// </summary>
    private const int MaxIdentifierLength = 256;

    /// <summary>A C# identifier derived from a user name; distinct names give distinct identifiers.</summary>
    public static string Identifier(string prefix, string name)
    {
        var builder = new StringBuilder(prefix);
        var lossy = false;
        foreach (var c in name)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_')
                builder.Append(c);
            else
            {
                builder.Append('_');
                lossy = true;
            }
        }
        if (builder.Length > MaxIdentifierLength)
        {
            builder.Length = MaxIdentifierLength;
            lossy = true;
        }
        if (lossy)
            builder.Append("_x").Append(StableHash(name).ToString("x8", CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    /// <summary>A C# string literal with every character escaped as needed.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A C# double literal that round-trips exactly (NaN and infinities included).</summary>
    public static string Literal(double value) =>
        double.IsNaN(value) ? "double.NaN"
        : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture) + "d";

    public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string Literal(bool value) => value ? "true" : "false";

    private static uint StableHash(string text)
    {
        // FNV-1a: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return hash;
    }
}
