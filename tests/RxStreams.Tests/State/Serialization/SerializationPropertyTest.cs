using CsCheck;
using RxStreams.State;
using static RxStreams.Tests.State.Serialization.SerializationTestSupport;

namespace RxStreams.Tests.State.Serialization;

public class SerializationPropertyTest
{
    private static readonly Gen<string?> GenText =
        Gen.Frequency<string?>(
            (1, Gen.Const((string?)null)),
            (6, Gen.OneOf("a", "é", "😀", " ", "東", "\0", "z").Array[0, 12].Select(parts => (string?)string.Concat(parts))));

    [Fact]
    public void VarIntRoundTripsAndHasTheStatedSize() =>
        Gen.Long.Sample(value =>
        {
            using var writer = new StateWriter();
            writer.WriteVarInt64(value);
            var reader = new StateReader(writer.WrittenSpan);
            Assert.Equal(value, reader.ReadVarInt64());
            Assert.True(reader.IsAtEnd);
            Assert.Equal(VarInt.SizeOf(value), writer.WrittenCount);
        });

    [Fact]
    public void DoublesRoundTripBitForBit() =>
        Gen.Long.Select(BitConverter.Int64BitsToDouble).Sample(value =>
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(RoundTrip(value))));

    [Fact]
    public void StringsRoundTrip() =>
        GenText.Sample(value => Assert.Equal(value, RoundTrip(value)));

    [Fact]
    public void KeyedListsOfTuplesRoundTrip() =>
        Gen.Select(GenText, Gen.Select(Gen.Long, Gen.Int, GenText).List[0, 10])
            .Select((key, items) => new Keyed<string?, List<(long, int, string?)>>(key, items))
            .Sample(value =>
            {
                var back = RoundTrip(value);
                Assert.Equal(value.Key, back.Key);
                Assert.Equal(value.Value, back.Value);
            });

    [Fact]
    public void DictionariesRoundTripInOrder() =>
        Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 0, 6], Gen.Long)[0, 20].Sample(map =>
        {
            var dictionary = new Dictionary<string, long>(map);
            Assert.Equal(dictionary.ToList(), RoundTrip(dictionary)!.ToList());
        });

    [Fact]
    public void MemoryPackRecordsRoundTrip() =>
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 8], Gen.Double, Gen.Long, Gen.Int.List[0, 5])
            .Select((sensor, value, timestamp, flags) => new SensorReading(sensor, value, timestamp, flags))
            .Sample(reading =>
            {
                var back = RoundTrip(reading);
                Assert.Equal((reading.Sensor, BitConverter.DoubleToInt64Bits(reading.Value), reading.Timestamp), (back.Sensor, BitConverter.DoubleToInt64Bits(back.Value), back.Timestamp));
                Assert.Equal(reading.Flags, back.Flags);
            });
}
