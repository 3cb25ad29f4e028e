using RxStreams.State;

namespace RxStreams.Tests.State.Serialization;

public class StateWriterReaderTest
{
    [Fact]
    public void FixedWidthValuesAreLittleEndian()
    {
        using var writer = new StateWriter();
        writer.WriteInt32(0x01020304);
        writer.WriteInt64(-2);
        writer.WriteInt16(0x0506);
        writer.WriteBoolean(true);
        writer.WriteByte(0xFF);
        Assert.Equal(
            new byte[] { 4, 3, 2, 1, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 6, 5, 1, 0xFF },
            writer.ToArray());
        Assert.Equal(16, writer.WrittenCount);
    }

    [Fact]
    public void EveryWriteReadsBack()
    {
        using var writer = new StateWriter(1);
        writer.WriteByte(7);
        writer.WriteBoolean(false);
        writer.WriteInt16(short.MinValue);
        writer.WriteInt32(int.MaxValue);
        writer.WriteInt64(long.MinValue);
        writer.WriteVarInt64(long.MaxValue);
        writer.WriteSingle(float.NegativeInfinity);
        writer.WriteDouble(double.NaN);
        writer.WriteString("héllo 😀");
        writer.WriteString(null);
        writer.WriteString("");
        writer.WriteBytes([9, 8, 7]);

        var reader = new StateReader(writer.WrittenSpan);
        Assert.Equal(7, reader.ReadByte());
        Assert.False(reader.ReadBoolean());
        Assert.Equal(short.MinValue, reader.ReadInt16());
        Assert.Equal(int.MaxValue, reader.ReadInt32());
        Assert.Equal(long.MinValue, reader.ReadInt64());
        Assert.Equal(long.MaxValue, reader.ReadVarInt64());
        Assert.Equal(float.NegativeInfinity, reader.ReadSingle());
        Assert.True(double.IsNaN(reader.ReadDouble()));
        Assert.Equal("héllo 😀", reader.ReadString());
        Assert.Null(reader.ReadString());
        Assert.Equal("", reader.ReadString());
        Assert.Equal(new byte[] { 9, 8, 7 }, reader.ReadBytes(3).ToArray());
        Assert.True(reader.IsAtEnd);
        Assert.Equal(0, reader.Remaining);
    }

    [Theory]
    [InlineData(0L, 1)]
    [InlineData(-1L, 1)]
    [InlineData(63L, 1)]
    [InlineData(-64L, 1)]
    [InlineData(64L, 2)]
    [InlineData(-65L, 2)]
    [InlineData(8191L, 2)]
    [InlineData(8192L, 3)]
    [InlineData(int.MaxValue, 5)]
    [InlineData(long.MaxValue, 10)]
    [InlineData(long.MinValue, 10)]
    public void VarIntSizes(long value, int size)
    {
        using var writer = new StateWriter();
        writer.WriteVarInt64(value);
        Assert.Equal(size, writer.WrittenCount);
        Assert.Equal(size, VarInt.SizeOf(value));
        var reader = new StateReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadVarInt64());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void ZigZagPutsSmallNegativesInOneByte()
    {
        using var writer = new StateWriter();
        writer.WriteVarInt64(-1);
        writer.WriteVarInt64(1);
        writer.WriteVarInt64(-64);
        Assert.Equal(new byte[] { 1, 2, 127 }, writer.ToArray());
    }

    [Fact]
    public void ResetReusesTheBuffer()
    {
        using var writer = new StateWriter(8);
        writer.WriteInt64(1);
        writer.WriteInt64(2);
        writer.Reset();
        Assert.Equal(0, writer.WrittenCount);
        writer.WriteInt32(5);
        Assert.Equal(new byte[] { 5, 0, 0, 0 }, writer.ToArray());
    }

    [Fact]
    public void GrowsPastTheInitialCapacityKeepingTheBytes()
    {
        using var writer = new StateWriter(2);
        for (var i = 0; i < 10_000; i++)
        {
            writer.WriteInt32(i);
        }

        Assert.Equal(40_000, writer.WrittenCount);
        var reader = new StateReader(writer.WrittenSpan);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal(i, reader.ReadInt32());
        }
    }

    [Fact]
    public void WritesAgainAfterDispose()
    {
        var writer = new StateWriter();
        writer.WriteInt32(1);
        writer.Dispose();
        Assert.Equal(0, writer.WrittenCount);
        writer.WriteByte(3);
        Assert.Equal(new byte[] { 3 }, writer.ToArray());
        writer.Dispose();
    }

    [Fact]
    public void PatchInt32OverwritesInPlace()
    {
        using var writer = new StateWriter();
        writer.WriteByte(1);
        writer.WriteInt32(0);
        writer.PatchInt32(1, 0x0A0B0C0D);
        Assert.Equal(new byte[] { 1, 0x0D, 0x0C, 0x0B, 0x0A }, writer.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.PatchInt32(2, 0));
    }

    [Fact]
    public void UnpairedSurrogateIsRefusedWithATypedError()
    {
        using var writer = new StateWriter();
        var e = Assert.Throws<StateSerializationException>(() => writer.WriteString("a\uD800b"));
        Assert.Contains("unpaired UTF-16 surrogate at index 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(string), e.Type);
    }

    [Fact]
    public void ReadingPastTheEndSaysHowManyBytesAndWhere()
    {
        byte[] bytes = [1, 2, 3, 4, 5, 6];
        var e = Assert.Throws<StateSerializationException>(() =>
        {
            var reader = new StateReader(bytes);
            reader.ReadInt16();
            reader.ReadInt64();
        });
        Assert.Equal("truncated state: needed 8 bytes at offset 2.", e.Message);
    }

    [Fact]
    public void TruncatedVarIntThrowsTyped()
    {
        byte[] bytes = [0x80, 0x80];
        var e = Assert.Throws<StateSerializationException>(() => new StateReader(bytes).ReadVarInt64());
        Assert.Equal("truncated state: needed 1 bytes at offset 2.", e.Message);
    }

    [Fact]
    public void OverlongVarIntIsCorrupt()
    {
        var bytes = Enumerable.Repeat((byte)0xFF, 11).ToArray();
        var e = Assert.Throws<StateSerializationException>(() => new StateReader(bytes).ReadVarInt64());
        Assert.Equal("corrupt state: a varint is longer than 10 bytes at offset 0.", e.Message);
    }

    [Fact]
    public void StringLongerThanTheRestIsTruncation()
    {
        using var writer = new StateWriter();
        writer.WriteString("hello");
        var bytes = writer.WrittenSpan[..4].ToArray();
        var e = Assert.Throws<StateSerializationException>(() => new StateReader(bytes).ReadString());
        Assert.Equal("truncated state: needed 5 bytes at offset 1.", e.Message);
    }

    [Fact]
    public void InvalidBooleanAndUtf8AreCorrupt()
    {
        byte[] boolean = [2];
        var e1 = Assert.Throws<StateSerializationException>(() => new StateReader(boolean).ReadBoolean());
        Assert.Equal("corrupt state: a boolean must be 0 or 1, found 2 at offset 0.", e1.Message);

        byte[] utf8 = [4, 0xC3, 0x28];
        var e2 = Assert.Throws<StateSerializationException>(() => new StateReader(utf8).ReadString());
        Assert.Equal("corrupt state: the string at offset 0 is not valid UTF-8.", e2.Message);
    }

    [Fact]
    public void NegativeLengthIsCorrupt()
    {
        byte[] bytes = [3]; // zig-zag -2
        var e = Assert.Throws<StateSerializationException>(() => new StateReader(bytes).ReadLength(allowNull: true));
        Assert.Equal("corrupt state: length -2 is negative at offset 0.", e.Message);
    }
}
