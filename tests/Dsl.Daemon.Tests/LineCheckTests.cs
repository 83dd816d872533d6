using System.Text;
using Dsl.Daemon.Ingest;

namespace Dsl.Daemon.Tests;

/// <summary>The structural check of an ingested line: a bad line gets a reason and never an exception.</summary>
public sealed class LineCheckTests
{
    private const string Good = "{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1,\"value\":1}";

    [Fact]
    public void A_record_with_the_four_fields_passes() => Assert.Null(LineCheck.Check(Encoding.UTF8.GetBytes(Good)));

    [Theory]
    [InlineData("{broken", "malformed_json")]
    [InlineData("[1]", "malformed_json")]
    [InlineData("{\"\\ud800\":1," + "\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1}", "malformed_json")]
    [InlineData("{\"ti\\udc00me\":1}", "malformed_json")]
    [InlineData("{\"assetId\":1,\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1}", "invalid_field")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":true}", "invalid_time")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\"}", "missing_field")]
    public void A_bad_line_gets_its_reason(string line, string reason)
    {
        (string Reason, string Detail)? problem = LineCheck.Check(Encoding.UTF8.GetBytes(line));

        Assert.Equal(reason, Assert.NotNull(problem).Reason);
    }
}
