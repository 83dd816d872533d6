namespace Dsl.Daemon.Api;

/// <summary>Splits bytes into lines.</summary>
internal static class ByteSplit
{
    /// <summary>
    /// The parts of <paramref name="bytes"/> between separators (a trailing '\r' removed), as
    /// <c>dsl run</c> reads lines: a UTF-8 byte order mark that opens the bytes is no part of the first.
    /// </summary>
    public static IEnumerable<byte[]> Split(this byte[] bytes, byte separator)
    {
        int start = bytes.AsSpan().StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0;
        for (int i = start; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == separator)
            {
                int end = i > start && bytes[i - 1] == (byte)'\r' ? i - 1 : i;
                yield return bytes[start..end];
                start = i + 1;
            }
        }
    }

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];
}
