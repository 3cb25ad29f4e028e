using CsCheck;
using RxStreams.State;
using static RxStreams.Tests.State.Serialization.SerializationTestSupport;

namespace RxStreams.Tests.State.Serialization;

/// <summary>Damaged bytes either still read as some value or fail with <see cref="StateSerializationException"/>; no other exception escapes.</summary>
public class CorruptInputTest
{
    private static void AssertReadsOrThrowsTyped<T>(byte[] valid) =>
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Sample((position, value) =>
        {
            var damaged = (byte[])valid.Clone();
            damaged[position] = value;
            try
            {
                var reader = new StateReader(damaged);
                StateSerializers.Get<T>().Read(ref reader);
            }
            catch (StateSerializationException)
            {
            }
        }, iter: 2000);

    [Fact]
    public void TimeAndNumbers() =>
        AssertReadsOrThrowsTyped<(DateTime, DateTimeOffset, decimal, TimeSpan)>(
            Bytes((DateTime.MaxValue, DateTimeOffset.MinValue, decimal.MaxValue, TimeSpan.MinValue)));

    [Fact]
    public void Collections() =>
        AssertReadsOrThrowsTyped<Dictionary<string, List<int?>>>(Bytes(new Dictionary<string, List<int?>> { ["a"] = [1, null], ["b"] = [] }));

    [Fact]
    public void MemoryPackValues() =>
        AssertReadsOrThrowsTyped<List<SensorReading>>(Bytes(new List<SensorReading> { new("sensor", 1.5, 3, [1, 2]), new("x", 0, 0, []) }));
}
