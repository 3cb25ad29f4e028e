using RxStreams.State;
using static RxStreams.Tests.State.Serialization.SerializationTestSupport;

namespace RxStreams.Tests.State.Serialization;

public class MemoryPackStateTest
{
    [Fact]
    public void MemoryPackableRecordRoundTrips()
    {
        var reading = new SensorReading("s-1", double.NaN, long.MinValue, [1, 2, 3]);
        var back = RoundTrip(StateSerializers.Get<SensorReading>(), reading, out var bytes);
        Assert.Equal("s-1", back.Sensor);
        Assert.True(double.IsNaN(back.Value));
        Assert.Equal(long.MinValue, back.Timestamp);
        Assert.Equal(new[] { 1, 2, 3 }, back.Flags);
        Assert.Equal(bytes.Length - 4, BitConverter.ToInt32(bytes, 0));
    }

    [Fact]
    public void IdNamesTheType()
    {
        Assert.Equal("memorypack:RxStreams.Tests.State.Serialization.SensorReading", StateSerializers.Get<SensorReading>().Id);
        Assert.Equal(1, StateSerializers.Get<SensorReading>().Version);
    }

    [Fact]
    public void NullAndCompositesOfMemoryPackTypes()
    {
        Assert.Null(RoundTrip<SensorReading?>(null));
        var list = new List<SensorReading> { new("a", 1, 2, []), new("b", 3, 4, [5]) };
        var back = RoundTrip(list)!;
        Assert.Equal(2, back.Count);
        Assert.Equal("b", back[1].Sensor);
        Assert.Equal(new[] { 5 }, back[1].Flags);
        Assert.Equal("list<memorypack:RxStreams.Tests.State.Serialization.SensorReading>", StateSerializers.Get<List<SensorReading>>().Id);
    }

    [Fact]
    public void TruncatedMemoryPackValueThrowsTyped()
    {
        var bytes = Bytes(new SensorReading("sensor", 1, 2, [1]));
        var serializer = StateSerializers.Get<SensorReading>();
        var e = Assert.Throws<StateSerializationException>(() =>
        {
            var reader = new StateReader(bytes.AsSpan(0, bytes.Length - 1));
            serializer.Read(ref reader);
        });
        Assert.Equal($"truncated state: needed {bytes.Length - 4} bytes at offset 4.", e.Message);
    }

    /// <summary>A class MemoryPack cannot serialize: not [MemoryPackable].</summary>
    public sealed class Plain
    {
        /// <summary>Any member.</summary>
        public int Value { get; set; }
    }

    [Fact]
    public void ATypeMemoryPackOnceFailedOnIsStillUnsupported()
    {
        Assert.ThrowsAny<Exception>(() => MemoryPack.MemoryPackSerializer.Serialize(new Plain()));
        Assert.True(MemoryPack.MemoryPackFormatterProvider.IsRegistered<Plain>());

        var e = Assert.Throws<StateSerializationException>(() => StateSerializers.Get<Plain>());
        Assert.StartsWith(
            "No state serializer for type 'RxStreams.Tests.State.Serialization.MemoryPackStateTest.Plain': 'RxStreams.Tests.State.Serialization.MemoryPackStateTest.Plain' is not a built-in type",
            e.Message, StringComparison.Ordinal);
    }
}
