using System.Buffers;
using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Control.Tests;

/// <summary>Decoding length-prefixed messages from buffers split anywhere.</summary>
public sealed class MessageFrameTests
{
    [Fact]
    public void A_message_spread_over_many_buffer_segments_is_read_whole()
    {
        var frame = MessageFrame.Encode(new StatusRequest { Names = { "power", "energy" } }, 1024);
        var buffer = Segmented(frame.Select(b => new[] { b }).ToArray());

        Assert.True(MessageFrame.TryRead(ref buffer, 1024, out var payload));

        Assert.Equal(["power", "energy"], StatusRequest.Parser.ParseFrom(payload).Names);
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void Reading_stops_at_an_incomplete_prefix_or_body_without_consuming()
    {
        var frame = MessageFrame.Encode(new StatusRequest { Names = { "power" } }, 1024);
        foreach (int cut in new[] { 0, 3, 5, frame.Length - 1 })
        {
            var buffer = new ReadOnlySequence<byte>(frame, 0, cut);

            Assert.False(MessageFrame.TryRead(ref buffer, 1024, out _));
            Assert.Equal(cut, buffer.Length);
        }
    }

    [Fact]
    public void Two_messages_in_one_buffer_are_read_one_after_the_other()
    {
        byte[] both = [.. MessageFrame.Encode(new GetJobRequest { Name = "a" }, 64), .. MessageFrame.Encode(new GetJobRequest { Name = "b" }, 64)];
        var buffer = new ReadOnlySequence<byte>(both);

        Assert.True(MessageFrame.TryRead(ref buffer, 64, out var first));
        Assert.True(MessageFrame.TryRead(ref buffer, 64, out var second));

        Assert.Equal("a", GetJobRequest.Parser.ParseFrom(first).Name);
        Assert.Equal("b", GetJobRequest.Parser.ParseFrom(second).Name);
        Assert.False(MessageFrame.TryRead(ref buffer, 64, out _));
    }

    [Fact]
    public void An_empty_message_is_a_bare_prefix()
    {
        var frame = MessageFrame.Encode(new ListJobsRequest(), 64);

        Assert.Equal(new byte[] { 0, 0, 0, 0, 0 }, frame);
    }

    [Fact]
    public void An_oversized_prefix_fails_before_the_body_is_there()
    {
        var buffer = new ReadOnlySequence<byte>([0, 0, 0, 1, 1]);

        var error = Assert.Throws<RpcException>(() => MessageFrame.TryRead(ref buffer, 256, out _));

        Assert.Equal(StatusCode.ResourceExhausted, error.Status);
    }

    [Fact]
    public void Encoding_a_message_over_the_send_limit_is_resource_exhausted()
    {
        var error = Assert.Throws<RpcException>(() => MessageFrame.Encode(new GetJobRequest { Name = new string('x', 100) }, 50));

        Assert.Equal(StatusCode.ResourceExhausted, error.Status);
        Assert.Equal("The GetJobRequest message is 102 bytes, more than the limit of 50 bytes.", error.Message);
    }

    [Theory]
    [InlineData(1, StatusCode.Internal)]
    [InlineData(7, StatusCode.Internal)]
    public void A_prefix_flag_other_than_zero_is_refused(byte flag, StatusCode expected)
    {
        var buffer = new ReadOnlySequence<byte>([flag, 0, 0, 0, 0]);

        var error = Assert.Throws<RpcException>(() => MessageFrame.TryRead(ref buffer, 256, out _));

        Assert.Equal(expected, error.Status);
    }

    private static ReadOnlySequence<byte> Segmented(byte[][] parts)
    {
        var first = new Segment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
