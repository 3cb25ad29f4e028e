using RxStreams.State;

namespace RxStreams.Tests.State.Serialization;

internal static class SerializationTestSupport
{
    /// <summary>Writes <paramref name="value"/> with the registered serializer of <typeparamref name="T"/> and reads it back; the reader must end exactly at the end.</summary>
    public static T RoundTrip<T>(T value) => RoundTrip(StateSerializers.Get<T>(), value, out _);

    public static T RoundTrip<T>(IStateSerializer<T> serializer, T value, out byte[] bytes)
    {
        using var writer = new StateWriter(4);
        serializer.Write(writer, value);
        bytes = writer.ToArray();
        var reader = new StateReader(bytes);
        var back = serializer.Read(ref reader);
        Assert.True(reader.IsAtEnd, $"{serializer.Id}: {reader.Remaining} bytes left after reading");
        return back;
    }

    public static byte[] Bytes<T>(T value)
    {
        using var writer = new StateWriter();
        StateSerializers.Get<T>().Write(writer, value);
        return writer.ToArray();
    }
}
