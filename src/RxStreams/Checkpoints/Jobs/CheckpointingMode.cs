namespace RxStreams;

/// <summary>The guarantee a checkpoint gives the state (Flink's <c>CheckpointingMode</c>).</summary>
public enum CheckpointingMode
{
    /// <summary>Barriers are aligned where inputs meet: after a restore every record counts in the state exactly once.</summary>
    ExactlyOnce = 0,

    /// <summary>No alignment, so nothing waits: after a restore some records may count twice.</summary>
    AtLeastOnce = 1,
}
