namespace Dsl.Runtime.Sources;

/// <summary>
/// ISO 8601's basic format, the date-time without its separators (<c>20260101T103000Z</c>,
/// <c>20260101T113000+0100</c>, <c>20260101</c>), which loggers and historians write as often as
/// the extended one. It is rewritten into the extended format (<c>2026-01-01T10:30:00Z</c>) so
/// that one parser checks both: the basic format has the same fields in the same order.
/// </summary>
internal static class IsoBasicTime
{
    /// <summary>The longest extended text a basic one becomes, beyond its fraction of a second.</summary>
    public const int ExtraChars = 8;

    /// <summary>
    /// Writes <paramref name="text"/> in the extended format into <paramref name="extended"/> when it
    /// is wholly in the basic format: <c>YYYYMMDD</c>, optionally followed by <c>T</c> and
    /// <c>hhmm</c>, <c>hhmmss</c> or <c>hhmmss</c> with a fraction, and an offset <c>Z</c>,
    /// <c>±hh</c> or <c>±hhmm</c>. Anything else (the extended format included) is left alone.
    /// </summary>
    public static bool TryExtend(ReadOnlySpan<char> text, Span<char> extended, out int length)
    {
        length = 0;
        if (text.Length < 8 || !AllDigits(text[..8]) || extended.Length < text.Length + ExtraChars)
        {
            return false;
        }

        var writer = new Writer(extended);
        writer.Date(text[..8]);
        ReadOnlySpan<char> rest = text[8..];
        if (!rest.IsEmpty)
        {
            if (rest[0] is not ('T' or 't'))
            {
                return false;
            }

            rest = rest[1..];
            int clock = DigitsAtStart(rest);
            if (clock is not (4 or 6))
            {
                return false;
            }

            writer.Clock(rest[..clock]);
            rest = rest[clock..];
            if (clock == 6 && !rest.IsEmpty && rest[0] is '.' or ',')
            {
                int fraction = DigitsAtStart(rest[1..]);
                if (fraction == 0)
                {
                    return false;
                }

                writer.Fraction(rest.Slice(1, fraction));
                rest = rest[(1 + fraction)..];
            }

            if (!writer.Offset(rest))
            {
                return false;
            }
        }

        length = writer.Length;
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');

    private static int DigitsAtStart(ReadOnlySpan<char> text)
    {
        int index = text.IndexOfAnyExceptInRange('0', '9');
        return index < 0 ? text.Length : index;
    }

    private ref struct Writer(Span<char> target)
    {
        private readonly Span<char> _target = target;

        public int Length { get; private set; }

        public void Date(ReadOnlySpan<char> digits)
        {
            Append(digits[..4]);
            Append('-');
            Append(digits.Slice(4, 2));
            Append('-');
            Append(digits.Slice(6, 2));
        }

        public void Clock(ReadOnlySpan<char> digits)
        {
            Append('T');
            for (int i = 0; i < digits.Length; i += 2)
            {
                if (i > 0)
                {
                    Append(':');
                }

                Append(digits.Slice(i, 2));
            }
        }

        public void Fraction(ReadOnlySpan<char> digits)
        {
            Append('.');
            Append(digits);
        }

        /// <summary>Writes what follows the clock: nothing, <c>Z</c>, <c>±hh</c> or <c>±hhmm</c>.</summary>
        public bool Offset(ReadOnlySpan<char> rest)
        {
            if (rest.IsEmpty)
            {
                return true;
            }

            if (rest is "Z" or "z")
            {
                Append('Z');
                return true;
            }

            if (rest[0] is not ('+' or '-') || DigitsAtStart(rest[1..]) != rest.Length - 1 || rest.Length is not (3 or 5))
            {
                return false;
            }

            Append(rest[..3]);
            Append(':');
            Append(rest.Length == 5 ? rest[3..] : "00");
            return true;
        }

        private void Append(char c) => _target[Length++] = c;

        private void Append(ReadOnlySpan<char> text)
        {
            text.CopyTo(_target[Length..]);
            Length += text.Length;
        }
    }
}
