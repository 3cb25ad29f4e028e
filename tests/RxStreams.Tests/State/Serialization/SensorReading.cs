using MemoryPack;

namespace RxStreams.Tests.State.Serialization;

/// <summary>A small user type that goes through MemoryPack.</summary>
[MemoryPackable]
public sealed partial record SensorReading(string Sensor, double Value, long Timestamp, List<int> Flags);
