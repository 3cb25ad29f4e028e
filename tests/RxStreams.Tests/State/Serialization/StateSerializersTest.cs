using RxStreams.State;
using static RxStreams.Tests.State.Serialization.SerializationTestSupport;

namespace RxStreams.Tests.State.Serialization;

public class StateSerializersTest
{
    // Types used by one test each, so registrations cannot race with other tests that run in parallel.
    public enum Overridden
    {
        One = 1,
    }

    public readonly record struct Money(long Cents, string Currency);

    public sealed record Late(int Value);

    /// <summary>Writes Money as cents then currency, with its own id and version.</summary>
    private sealed class MoneySerializer : IStateSerializer<Money>
    {
        public string Id => "test:money";

        public int Version => 3;

        public void Write(StateWriter writer, Money value)
        {
            writer.WriteVarInt64(value.Cents);
            writer.WriteString(value.Currency);
        }

        public Money Read(ref StateReader reader)
        {
            var cents = reader.ReadVarInt64();
            return new Money(cents, reader.ReadString()!);
        }
    }

    private sealed class FixedEnumSerializer : IStateSerializer<Overridden>
    {
        public string Id => "test:fixed";

        public int Version => 1;

        public void Write(StateWriter writer, Overridden value) => writer.WriteByte(0xAB);

        public Overridden Read(ref StateReader reader) => reader.ReadByte() == 0xAB ? Overridden.One : default;
    }

    private sealed class LateSerializer : IStateSerializer<Late>
    {
        public string Id => "test:late";

        public int Version => 1;

        public void Write(StateWriter writer, Late value) => writer.WriteInt32(value.Value);

        public Late Read(ref StateReader reader) => new(reader.ReadInt32());
    }

    [Fact]
    public void RegisteredSerializerWinsOverTheBuiltIn()
    {
        var custom = new FixedEnumSerializer();
        StateSerializers.Register(custom);
        Assert.Same(custom, StateSerializers.Get<Overridden>());
        Assert.Equal(new byte[] { 0xAB }, Bytes(Overridden.One));
        Assert.Equal("list<test:fixed>", StateSerializers.Get<List<Overridden>>().Id);
    }

    [Fact]
    public void RegisteredTypeWorksInsideComposites()
    {
        StateSerializers.Register(new MoneySerializer());
        var value = new List<Money> { new(-150, "EUR"), new(0, "") };
        Assert.Equal(value, RoundTrip(value));
        Assert.Equal("list<test:money@3>", StateSerializers.Get<List<Money>>().Id);
        Assert.Equal(new Keyed<string, Money>("a", new(1, "USD")), RoundTrip(new Keyed<string, Money>("a", new(1, "USD"))));
        Assert.True(StateSerializers.TryGet<Dictionary<Money, Money>>(out var map));
        Assert.Equal("map<test:money@3,test:money@3>", map.Id);
    }

    [Fact]
    public void RegisteringAfterUseIsRefused()
    {
        var first = new LateSerializer();
        StateSerializers.Register(first);
        StateSerializers.Register(first);
        Assert.Same(first, StateSerializers.Get<Late>());
        var e = Assert.Throws<InvalidOperationException>(() => StateSerializers.Register(new LateSerializer()));
        Assert.Contains("'RxStreams.Tests.State.Serialization.StateSerializersTest.Late' is already in use ('test:late')", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedTypeFailsAtGetNamingTheTypeAndTheFix()
    {
        var e = Assert.Throws<StateSerializationException>(() => StateSerializers.Get<Unserializable>());
        Assert.Equal(
            "No state serializer for type 'RxStreams.Tests.State.Serialization.Unserializable': " +
            "'RxStreams.Tests.State.Serialization.Unserializable' is not a built-in type, has no registered serializer and is not [MemoryPackable]. " +
            "Fix: register one with StateSerializers.Register<RxStreams.Tests.State.Serialization.Unserializable>(serializer) before the first use, " +
            "or mark 'RxStreams.Tests.State.Serialization.Unserializable' [MemoryPackable] (a partial type, with the MemoryPack package referenced).",
            e.Message);
        Assert.Equal(typeof(Unserializable), e.Type);
        Assert.Null(e.Where);
        Assert.False(StateSerializers.TryGet<Unserializable>(out var none));
        Assert.Null(none);
    }

    [Fact]
    public void ValidateNamesThePlace()
    {
        var e = Assert.Throws<StateSerializationException>(() =>
            StateSerializers.Validate<Dictionary<string, List<Unserializable>>>("state 'count' of operator 'Process#1'"));
        Assert.StartsWith(
            "No state serializer for state 'count' of operator 'Process#1', of type " +
            "'System.Collections.Generic.Dictionary<System.String,System.Collections.Generic.List<RxStreams.Tests.State.Serialization.Unserializable>>': " +
            "it contains 'RxStreams.Tests.State.Serialization.Unserializable', which is not a built-in type",
            e.Message, StringComparison.Ordinal);
        Assert.Contains("StateSerializers.Register<RxStreams.Tests.State.Serialization.Unserializable>(serializer)", e.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(Dictionary<string, List<Unserializable>>), e.Type);
        Assert.Equal("state 'count' of operator 'Process#1'", e.Where);
    }

    [Fact]
    public void NonGenericValidate()
    {
        StateSerializers.Validate(typeof(List<(int, string)>), "state 'pairs' of operator 'Map#2'");
        var e = Assert.Throws<StateSerializationException>(() => StateSerializers.Validate(typeof(object), "state 'any' of operator 'Map#2'"));
        Assert.StartsWith("No state serializer for state 'any' of operator 'Map#2', of type 'System.Object': 'System.Object' is not a built-in type", e.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(object), e.Type);

        var open = Assert.Throws<StateSerializationException>(() => StateSerializers.Validate(typeof(List<>), "state 'open'"));
        Assert.Contains("is an open generic, pointer or by-ref type", open.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidatePassesForSupportedTypes()
    {
        StateSerializers.Validate<Record<SensorReading>>("state 'last' of operator 'Process#1'");
        StateSerializers.Validate<(decimal, DateTime, TimeSpan, string)>("state 'row' of operator 'Process#1'");
        Assert.Equal("record<memorypack:RxStreams.Tests.State.Serialization.SensorReading>", StateSerializers.Get<Record<SensorReading>>().Id);
    }

    [Fact]
    public void SchemaIsIdAtVersion()
    {
        Assert.Equal("i64@1", StateSerializers.SchemaOf(StateSerializers.Get<long>()));
        Assert.Equal("map<string,list<i32>>@1", StateSerializers.SchemaOf(StateSerializers.Get<Dictionary<string, List<int>>>()));
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        Assert.Throws<ArgumentNullException>(() => StateSerializers.Register<int>(null!));
        Assert.Throws<ArgumentNullException>(() => StateSerializers.Validate(null!, "x"));
        Assert.Throws<ArgumentException>(() => StateSerializers.Validate<int>(""));
        Assert.Throws<ArgumentNullException>(() => StateSerializers.SchemaOf<int>(null!));
    }

    [Fact]
    public void TruncatedCompositeThrowsTyped()
    {
        var bytes = Bytes(new List<string> { "alpha", "beta" });
        var serializer = StateSerializers.Get<List<string>>();
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var prefix = bytes[..cut];
            var e = Assert.Throws<StateSerializationException>(() =>
            {
                var reader = new StateReader(prefix);
                serializer.Read(ref reader);
            });
            Assert.StartsWith("truncated state: needed ", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CorruptDictionaryWithRepeatedKeyThrowsTyped()
    {
        using var writer = new StateWriter();
        writer.WriteVarInt64(2);
        writer.WriteString("k");
        writer.WriteInt32(1);
        writer.WriteString("k");
        writer.WriteInt32(2);
        var bytes = writer.ToArray();
        var e = Assert.Throws<StateSerializationException>(() =>
        {
            var reader = new StateReader(bytes);
            StateSerializers.Get<Dictionary<string, int>>().Read(ref reader);
        });
        Assert.Equal("corrupt state: dictionary key at offset 7 is null or repeated.", e.Message);
    }
}
