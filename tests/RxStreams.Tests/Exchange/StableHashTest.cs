using RxStreams.Exchanges;

namespace RxStreams.Tests.Exchange;

public class StableHashTest
{
    // The same in every process and on every machine: keyed state split into key groups by one process is read back by
    // another, and a rescaled job routes keys to the tasks that own their groups. (The default hash of a string, and of
    // anything holding one, differs from process to process.)
    [Fact]
    public void KeysHashTheSameInEveryProcess()
    {
        Assert.Equal(-468965076, StableHash.For<string>()("a"));
        Assert.Equal(5, StableHash.For<long>()(5L));
        Assert.Equal(StableHash.For<(string, int)>()(("a", 1)), StableHash.For<(string, int)>()((new string('a', 1), 1)));
        Assert.Equal(Expected.TupleOfStringAndInt, StableHash.For<(string, int)>()(("a", 1)));
        Assert.Equal(Expected.KeyedOfStringAndLong, StableHash.For<Keyed<string, long>>()(new Keyed<string, long>("k", 7)));
    }

    [Fact]
    public void ATypeWithoutASerializerKeepsItsDefaultHash()
    {
        var key = new object();
        Assert.Equal(key.GetHashCode(), StableHash.For<object>()(key));
    }

    private static class Expected
    {
        public const int TupleOfStringAndInt = -897802241;
        public const int KeyedOfStringAndLong = -1405281660;
    }
}
