namespace RxStreams;

/// <summary>What a trigger decides for a window (Flink's <c>TriggerResult</c>).</summary>
public enum TriggerResult : byte
{
    /// <summary>Do nothing.</summary>
    Continue = 0,

    /// <summary>Emit the window's result and keep its contents (accumulating: the next result replaces this one).</summary>
    Fire = 1,

    /// <summary>Drop the window's contents without emitting.</summary>
    Purge = 2,

    /// <summary>Emit the window's result, then drop its contents (the next result adds to this one).</summary>
    FireAndPurge = 3,
}
