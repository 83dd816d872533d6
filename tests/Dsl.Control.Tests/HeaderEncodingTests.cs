using Dsl.Control.Wire;

namespace Dsl.Control.Tests;

/// <summary>The text forms of grpc-timeout and grpc-message.</summary>
public sealed class HeaderEncodingTests
{
    [Theory]
    [InlineData("1H", 3600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("30S", 30_000)]
    [InlineData("250m", 250)]
    [InlineData("1500u", 1.5)]
    [InlineData("2000000n", 2)]
    [InlineData("99999999m", 99_999_999)]
    public void A_grpc_timeout_is_parsed_in_each_unit(string text, double milliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));

        Assert.Equal(milliseconds, timeout.TotalMilliseconds, precision: 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-5m")]
    [InlineData("123456789m")]
    public void A_malformed_grpc_timeout_is_rejected(string text)
    {
        Assert.False(GrpcTimeout.TryParse(text, out _));
    }

    [Theory]
    [InlineData(250, "250m")]
    [InlineData(0.0015, "2u")]
    [InlineData(1.5, "1500u")]
    [InlineData(200_000_000, "200000S")]
    public void A_timeout_is_formatted_in_the_finest_unit_that_fits_never_shorter(double milliseconds, string expected)
    {
        var text = GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, text);
        Assert.True(GrpcTimeout.TryParse(text, out var parsed));
        Assert.True(parsed >= TimeSpan.FromMilliseconds(milliseconds));
    }

    [Fact]
    public void A_status_message_is_percent_encoded_outside_printable_ascii()
    {
        Assert.Equal("50%25 done %E2%9C%93 Gr%C3%BC%C3%9Fe%0A", StatusMessageEncoding.Encode("50% done ✓ Grüße\n"));
    }

    [Fact]
    public void A_status_message_round_trips_and_bad_escapes_are_kept()
    {
        Assert.Equal("Wärme 100% ⏸", StatusMessageEncoding.Decode(StatusMessageEncoding.Encode("Wärme 100% ⏸")));
        Assert.Equal("50%zz and %4", StatusMessageEncoding.Decode("50%zz and %4"));
    }
}
