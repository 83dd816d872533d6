using System.Buffers.Text;

namespace Dsl.Runtime.Sources;

/// <summary>
/// Whether a JSON number is whole as written, not as a double rounds it: <c>1e-400</c> rounds to 0
/// and <c>1.0000000000000001</c> to 1, yet neither is an integer. Asked only of a number with a
/// fraction or an exponent whose double is whole, so the common values never get here.
/// </summary>
internal static class WholeNumber
{
    public static bool IsWhole(double parsed, ReadOnlySpan<byte> written) =>
        parsed == Math.Floor(parsed) && IsWrittenWhole(written);

    /// <summary>Whether no digit but 0 is right of the decimal point once the exponent has moved it.</summary>
    private static bool IsWrittenWhole(ReadOnlySpan<byte> written)
    {
        int e = written.IndexOfAny((byte)'e', (byte)'E');
        ReadOnlySpan<byte> mantissa = (e < 0 ? written : written[..e]).TrimStart((byte)'-');
        int dot = mantissa.IndexOf((byte)'.');

        // Where the point ends up, counted in the mantissa's digits (the dot not counted).
        long point = (dot < 0 ? mantissa.Length : dot) + (e < 0 ? 0 : Exponent(written[(e + 1)..]));
        int index = 0;
        foreach (byte c in mantissa)
        {
            if (c == '.')
            {
                continue;
            }

            if (c != '0' && index >= point)
            {
                return false;
            }

            index++;
        }

        return true;
    }

    /// <summary>The exponent; one beyond an int stands for any as large, a digit count never reaching it.</summary>
    private static long Exponent(ReadOnlySpan<byte> written)
    {
        bool negative = written.Length > 0 && written[0] == '-';
        ReadOnlySpan<byte> digits = written.Length > 0 && written[0] is (byte)'-' or (byte)'+' ? written[1..] : written;
        long magnitude = Utf8Parser.TryParse(digits, out int value, out int used) && used == digits.Length ? value : int.MaxValue;
        return negative ? -magnitude : magnitude;
    }
}
