namespace RxStreams;

/// <summary>What a <see cref="StreamElement{T}"/> carries: a record or one of the in-band control elements.</summary>
public enum ElementKind : byte
{
    /// <summary>A data record with its event timestamp.</summary>
    Record = 0,

    /// <summary>A watermark: event time has reached <see cref="StreamElement{T}.Timestamp"/>; no record with a smaller timestamp is expected any more.</summary>
    Watermark = 1,

    /// <summary>The stream went idle: it does not hold back the watermark of operators that merge it with other streams.</summary>
    Idle = 2,

    /// <summary>The stream is active again after <see cref="Idle"/>.</summary>
    Active = 3,

    /// <summary>A checkpoint barrier; <see cref="StreamElement{T}.Timestamp"/> holds the checkpoint id. Operators forward barriers they do not handle.</summary>
    Barrier = 4,

    /// <summary>
    /// A latency marker (Flink's <c>LatencyMarker</c>): <see cref="StreamElement{T}.Timestamp"/> holds the processing time,
    /// in ticks, when a source emitted it. It flows through operators like a record but is not one, so the time it
    /// takes to reach a measuring point is the pipeline's latency up to there.
    /// </summary>
    LatencyMarker = 5,
}
