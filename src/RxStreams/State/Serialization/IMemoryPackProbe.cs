namespace RxStreams.State;

/// <summary>Lets resolution, which knows a type only at run time, ask a MemoryPack serializer whether MemoryPack can really write its type.</summary>
internal interface IMemoryPackProbe
{
    /// <summary>True when MemoryPack writes <c>default</c> of the type without failing.</summary>
    bool CanWriteDefault();
}
