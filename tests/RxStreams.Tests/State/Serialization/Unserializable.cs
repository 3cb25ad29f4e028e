namespace RxStreams.Tests.State.Serialization;

/// <summary>A user type with no serializer: neither built in, registered nor [MemoryPackable].</summary>
public sealed class Unserializable
{
    /// <summary>Any member.</summary>
    public int Value { get; set; }
}
