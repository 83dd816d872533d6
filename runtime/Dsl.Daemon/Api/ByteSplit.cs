namespace Dsl.Daemon.Api;

/// <summary>Splits bytes into lines.</summary>
internal static class ByteSplit
{
    /// <summary>The parts of <paramref name="bytes"/> between separators (a trailing '\r' removed).</summary>
    public static IEnumerable<byte[]> Split(this byte[] bytes, byte separator)
    {
        int start = 0;
        for (int i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == separator)
            {
                int end = i > start && bytes[i - 1] == (byte)'\r' ? i - 1 : i;
                yield return bytes[start..end];
                start = i + 1;
            }
        }
    }
}
