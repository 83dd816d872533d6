using System.Text;
using Dsl.Runtime.Hosting;

namespace Dsl.Runtime.Tests;

/// <summary>The error log writes a rejected line cut at 512 characters (runtime.md, section 1).</summary>
public sealed class ErrorLogTests
{
    [Fact]
    public void A_long_line_is_cut_at_512_characters_not_512_bytes()
    {
        string line = "{\"assetId\":\"" + new string('电', 600) + "\"}";
        string written = Written(line);

        Assert.Equal(new string('电', 500), written[12..512]);
        Assert.Equal("{\"assetId\":\"" + new string('电', 500) + "…", written);
    }

    [Fact]
    public void A_cut_never_splits_a_pair_of_surrogates()
    {
        // 511 characters, then a character outside the BMP (two UTF-16 chars) across the 512th.
        string line = new string('a', 511) + "😀" + "tail";
        Assert.Equal(new string('a', 511) + "…", Written(line));
    }

    [Fact]
    public void A_line_of_512_characters_is_written_whole()
    {
        string line = new string('电', 512);
        Assert.Equal(line, Written(line));
    }

    /// <summary>A control character of a rejected line (an escape that would clear the screen) is written escaped, on the line's one line.</summary>
    [Fact]
    public void Control_characters_of_a_line_are_written_escaped()
    {
        Assert.Equal("{\"value\":\"\\u001b[2J\\r\\tx\"}", Written("{\"value\":\"\u001b[2J\r\tx\"}"));
    }

    private static string Written(string line)
    {
        using var writer = new StringWriter();
        new ErrorLog(new RunCounters(), writer).Report(1, RecordError.MalformedJson, "detail", Encoding.UTF8.GetBytes(line));
        string[] lines = writer.ToString().Split(Environment.NewLine);
        Assert.Equal("line 1: malformed_json: detail", lines[0]);
        return lines[1][2..];
    }
}
