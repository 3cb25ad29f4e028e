using System.Reactive;
using RxStreams.State;
using static RxStreams.Tests.State.Serialization.SerializationTestSupport;

namespace RxStreams.Tests.State.Serialization;

public class BuiltInSerializersTest
{
    public enum Small : byte
    {
        A = 1,
        B = 255,
    }

    public enum Wide : ulong
    {
        Top = ulong.MaxValue,
    }

    public enum Signed : short
    {
        Low = short.MinValue,
    }

    [Fact]
    public void Integers()
    {
        Assert.Equal(long.MinValue, RoundTrip(long.MinValue));
        Assert.Equal(long.MaxValue, RoundTrip(long.MaxValue));
        Assert.Equal(int.MinValue, RoundTrip(int.MinValue));
        Assert.Equal(int.MaxValue, RoundTrip(int.MaxValue));
        Assert.Equal(short.MinValue, RoundTrip(short.MinValue));
        Assert.Equal(ushort.MaxValue, RoundTrip(ushort.MaxValue));
        Assert.Equal(uint.MaxValue, RoundTrip(uint.MaxValue));
        Assert.Equal(ulong.MaxValue, RoundTrip(ulong.MaxValue));
        Assert.Equal(sbyte.MinValue, RoundTrip(sbyte.MinValue));
        Assert.Equal(byte.MaxValue, RoundTrip(byte.MaxValue));
        Assert.Equal('\uFFFF', RoundTrip('\uFFFF'));
        Assert.True(RoundTrip(true));
        Assert.False(RoundTrip(false));
    }

    [Fact]
    public void FixedWidthLikeFlink()
    {
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0 }, Bytes(1L));
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, Bytes(-1));
        Assert.Equal(new byte[] { 1 }, Bytes(true));
    }

    [Fact]
    public void FloatingPointKeepsEveryBit()
    {
        var payloadNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234);
        Assert.Equal(0x7FF8_0000_0000_1234, BitConverter.DoubleToInt64Bits(RoundTrip(payloadNaN)));
        Assert.True(double.IsNaN(RoundTrip(double.NaN)));
        Assert.Equal(double.NegativeInfinity, RoundTrip(double.NegativeInfinity));
        Assert.Equal(double.Epsilon, RoundTrip(double.Epsilon));
        Assert.True(double.IsNegative(RoundTrip(-0.0)));
        Assert.True(float.IsNaN(RoundTrip(float.NaN)));
        Assert.Equal(float.MaxValue, RoundTrip(float.MaxValue));
    }

    [Fact]
    public void DecimalKeepsItsScale()
    {
        Assert.Equal(decimal.MinValue, RoundTrip(decimal.MinValue));
        Assert.Equal(decimal.MaxValue, RoundTrip(decimal.MaxValue));
        Assert.Equal("1.500", RoundTrip(1.500m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-0.0000000001m, RoundTrip(-0.0000000001m));
    }

    [Fact]
    public void Strings()
    {
        Assert.Null(RoundTrip<string?>(null));
        Assert.Equal("", RoundTrip(""));
        Assert.Equal("Grüße 😀 東京", RoundTrip("Grüße 😀 東京"));
        var big = new string('x', 100_000);
        Assert.Equal(big, RoundTrip(big));
        Assert.Equal(new byte[] { 1 }, Bytes<string?>(null));
        Assert.Equal(new byte[] { 4, (byte)'h', (byte)'i' }, Bytes("hi"));
    }

    [Fact]
    public void TimeAndIdentity()
    {
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal(guid, RoundTrip(guid));
        Assert.Equal(TimeSpan.MinValue, RoundTrip(TimeSpan.MinValue));
        Assert.Equal(TimeSpan.MaxValue, RoundTrip(TimeSpan.MaxValue));

        foreach (var kind in new[] { DateTimeKind.Utc, DateTimeKind.Local, DateTimeKind.Unspecified })
        {
            var time = new DateTime(2026, 12, 4, 9, 30, 0, 123, kind).AddTicks(4567);
            var back = RoundTrip(time);
            Assert.Equal(time.Ticks, back.Ticks);
            Assert.Equal(kind, back.Kind);
        }

        Assert.Equal(DateTime.MaxValue, RoundTrip(DateTime.MaxValue));
        Assert.Equal(DateTime.MinValue, RoundTrip(DateTime.MinValue));

        var offset = new DateTimeOffset(2026, 12, 4, 9, 30, 0, TimeSpan.FromHours(-9.5));
        var offsetBack = RoundTrip(offset);
        Assert.Equal(offset.Ticks, offsetBack.Ticks);
        Assert.Equal(offset.Offset, offsetBack.Offset);
        Assert.Equal(DateTimeOffset.MaxValue, RoundTrip(DateTimeOffset.MaxValue));
        Assert.Equal(new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.FromHours(14)), RoundTrip(new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.FromHours(14))));
    }

    [Fact]
    public void Enums()
    {
        Assert.Equal(Small.B, RoundTrip(Small.B));
        Assert.Equal(Wide.Top, RoundTrip(Wide.Top));
        Assert.Equal(Signed.Low, RoundTrip(Signed.Low));
        Assert.Equal((DayOfWeek)42, RoundTrip((DayOfWeek)42));
        Assert.Equal("enum<u8>", StateSerializers.Get<Small>().Id);
        Assert.Equal("enum<u64>", StateSerializers.Get<Wide>().Id);
        Assert.Equal("enum<i32>", StateSerializers.Get<DayOfWeek>().Id);
        Assert.Equal(new byte[] { 2 }, Bytes(Small.A));
    }

    [Fact]
    public void ByteArrays()
    {
        Assert.Null(RoundTrip<byte[]?>(null));
        Assert.Empty(RoundTrip(Array.Empty<byte>())!);
        Assert.Equal(new byte[] { 0, 1, 255 }, RoundTrip(new byte[] { 0, 1, 255 }));
        Assert.Equal(new byte[] { 6, 0, 1, 255 }, Bytes(new byte[] { 0, 1, 255 }));
        Assert.Equal("bytes", StateSerializers.Get<byte[]>().Id);
    }

    [Fact]
    public void Nullables()
    {
        Assert.Null(RoundTrip<int?>(null));
        Assert.Equal(long.MinValue, RoundTrip<long?>(long.MinValue));
        Assert.Equal(new byte[] { 0 }, Bytes<double?>(null));
        Assert.Equal("nullable<f64>", StateSerializers.Get<double?>().Id);
    }

    [Fact]
    public void TuplesAndPairs()
    {
        Assert.Equal((1, "a"), RoundTrip((1, "a")));
        Assert.Equal((1L, (string?)null, 2.5), RoundTrip((1L, (string?)null, 2.5)));
        Assert.Equal((true, 'c', (byte)3, Guid.Empty), RoundTrip((true, 'c', (byte)3, Guid.Empty)));
        Assert.Equal(new KeyValuePair<string, long>("k", -1), RoundTrip(new KeyValuePair<string, long>("k", -1)));
        Assert.Equal(new Keyed<string, double>("s", double.MaxValue), RoundTrip(new Keyed<string, double>("s", double.MaxValue)));
        Assert.Equal(new Record<int>(7, long.MinValue), RoundTrip(new Record<int>(7, long.MinValue)));
        Assert.Equal(Unit.Default, RoundTrip(Unit.Default));

        Assert.Equal("tuple<i32,string>", StateSerializers.Get<(int, string)>().Id);
        Assert.Equal("tuple<bool,char,u8,guid>", StateSerializers.Get<(bool, char, byte, Guid)>().Id);
        Assert.Equal("kv<string,i64>", StateSerializers.Get<KeyValuePair<string, long>>().Id);
        Assert.Equal("keyed<string,f64>", StateSerializers.Get<Keyed<string, double>>().Id);
        Assert.Equal("record<i32>", StateSerializers.Get<Record<int>>().Id);
        Assert.Equal("unit", StateSerializers.Get<Unit>().Id);
    }

    [Fact]
    public void Collections()
    {
        Assert.Null(RoundTrip<long[]?>(null));
        Assert.Empty(RoundTrip(Array.Empty<long>())!);
        Assert.Equal(new[] { long.MinValue, 0, long.MaxValue }, RoundTrip(new[] { long.MinValue, 0, long.MaxValue }));
        Assert.Null(RoundTrip<List<string>?>(null));
        Assert.Empty(RoundTrip(new List<string>())!);
        Assert.Equal(new List<string?> { "a", null, "" }, RoundTrip(new List<string?> { "a", null, "" }));
        Assert.Null(RoundTrip<Dictionary<string, int>?>(null));
        Assert.Empty(RoundTrip(new Dictionary<string, int>())!);

        Assert.Equal("array<i64>", StateSerializers.Get<long[]>().Id);
        Assert.Equal("list<string>", StateSerializers.Get<List<string>>().Id);
        Assert.Equal("map<string,i32>", StateSerializers.Get<Dictionary<string, int>>().Id);
    }

    [Fact]
    public void DictionaryKeepsTheWrittenOrder()
    {
        var map = new Dictionary<string, int> { ["zeta"] = 1, ["alpha"] = 2, ["mid"] = 3 };
        map.Remove("alpha");
        map["beta"] = 4;
        var expected = map.ToList();

        var back = RoundTrip(map)!;
        Assert.Equal(expected, back.ToList());
    }

    [Fact]
    public void NestedComposites()
    {
        var value = new Dictionary<string, List<(int, long[]?)>>
        {
            ["a"] = [(1, [1, 2]), (2, null)],
            ["b"] = [],
        };
        var back = RoundTrip(value)!;
        Assert.Equal(["a", "b"], back.Keys);
        Assert.Equal(1, back["a"][0].Item1);
        Assert.Equal(new long[] { 1, 2 }, back["a"][0].Item2);
        Assert.Null(back["a"][1].Item2);
        Assert.Empty(back["b"]);
        Assert.Equal("map<string,list<tuple<i32,array<i64>>>>", StateSerializers.Get<Dictionary<string, List<(int, long[]?)>>>().Id);

        var keyed = new Keyed<string, Record<int?[]>>("k", new Record<int?[]>([1, null], 5));
        var keyedBack = RoundTrip(keyed);
        Assert.Equal("k", keyedBack.Key);
        Assert.Equal(new int?[] { 1, null }, keyedBack.Value.Value);
        Assert.Equal(5, keyedBack.Value.Timestamp);
    }

    [Fact]
    public void SerializersAreCachedPerType()
    {
        Assert.Same(StateSerializers.Get<List<int>>(), StateSerializers.Get<List<int>>());
        Assert.Same(StateSerializers.Get<long>(), StateSerializers.Get<long>());
        Assert.Equal(1, StateSerializers.Get<long>().Version);
        Assert.Equal(1, StateSerializers.Get<List<int>>().Version);
    }

    [Fact]
    public void PrimitivesAllocateNothingPerValue()
    {
        using var writer = new StateWriter(1 << 16);
        var longs = StateSerializers.Get<long>();
        var doubles = StateSerializers.Get<double>();
        var decimals = StateSerializers.Get<decimal>();
        var guids = StateSerializers.Get<Guid>();
        var nullables = StateSerializers.Get<int?>();
        var times = StateSerializers.Get<DateTimeOffset>();

        void WriteAll()
        {
            writer.Reset();
            for (var i = 0; i < 1000; i++)
            {
                longs.Write(writer, i);
                doubles.Write(writer, i);
                decimals.Write(writer, i);
                guids.Write(writer, Guid.Empty);
                nullables.Write(writer, i);
                times.Write(writer, DateTimeOffset.UnixEpoch);
            }
        }

        long ReadAll()
        {
            var reader = new StateReader(writer.WrittenSpan);
            long sum = 0;
            while (!reader.IsAtEnd)
            {
                sum += longs.Read(ref reader);
                sum += (long)doubles.Read(ref reader);
                sum += (long)decimals.Read(ref reader);
                sum += guids.Read(ref reader) == Guid.Empty ? 0 : 1;
                sum += nullables.Read(ref reader) ?? 0;
                sum += times.Read(ref reader).Offset.Ticks;
            }

            return sum;
        }

        WriteAll();
        ReadAll();
        var before = GC.GetAllocatedBytesForCurrentThread();
        WriteAll();
        var sum = ReadAll();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(4 * 499_500L, sum);
        Assert.Equal(0, allocated);
    }
}
