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

    /// <summary>
    /// The integer a whole number written with a fraction or an exponent stands for, exactly,
    /// when a long holds it: <c>-9223372036854775808.0</c> is the smallest long, and
    /// <c>9.223372036854775807e18</c> the largest, though its double is 2^63, beyond it.
    /// </summary>
    public static bool TryGetLong(double parsed, ReadOnlySpan<byte> written, out long integer)
    {
        integer = 0;
        if (parsed != Math.Floor(parsed) || !IsWrittenWhole(written))
        {
            return false;
        }

        ReadOnlySpan<byte> mantissa = Mantissa(written, out long point);
        Int128 limit = (Int128)long.MaxValue + 1, value = 0;
        int index = 0;
        foreach (byte c in mantissa)
        {
            if (c == '.')
            {
                continue;
            }

            if (index >= point)
            {
                break;
            }

            value = value * 10 + (c - '0');
            index++;
            if (value > limit)
            {
                return false;
            }
        }

        // The zeros the exponent adds after the digits (none to add to a zero).
        for (long zeros = point - index; zeros > 0 && value != 0; zeros--)
        {
            value *= 10;
            if (value > limit)
            {
                return false;
            }
        }

        value = written[0] == '-' ? -value : value;
        if (value < long.MinValue || value > long.MaxValue)
        {
            return false;
        }

        integer = (long)value;
        return true;
    }

    /// <summary>Whether no digit but 0 is right of the decimal point once the exponent has moved it.</summary>
    private static bool IsWrittenWhole(ReadOnlySpan<byte> written)
    {
        ReadOnlySpan<byte> mantissa = Mantissa(written, out long point);
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

    /// <summary>
    /// The digits before the exponent, without the sign, and where the decimal point ends up once
    /// the exponent has moved it, counted in the mantissa's digits (the dot not counted).
    /// </summary>
    private static ReadOnlySpan<byte> Mantissa(ReadOnlySpan<byte> written, out long point)
    {
        int e = written.IndexOfAny((byte)'e', (byte)'E');
        ReadOnlySpan<byte> mantissa = (e < 0 ? written : written[..e]).TrimStart((byte)'-');
        int dot = mantissa.IndexOf((byte)'.');
        point = (dot < 0 ? mantissa.Length : dot) + (e < 0 ? 0 : Exponent(written[(e + 1)..]));
        return mantissa;
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
