namespace RxStreams;

/// <summary>What a <see cref="WindowTrigger"/> can see and do for the window it is deciding about.</summary>
public interface ITriggerContext
{
    /// <summary>The operator's current watermark.</summary>
    long CurrentWatermark { get; }

    /// <summary>The processing-time clock in milliseconds since the epoch (the windows' or trigger's scheduler).</summary>
    long CurrentProcessingTime { get; }

    /// <summary>
    /// A number the trigger keeps per key and window (for example a record count, or the next firing time); it starts
    /// at 0, is combined by <see cref="WindowTrigger.MergeState"/> (a sum by default) when session windows merge, is
    /// checkpointed with the window, and is dropped with it. The built-in triggers use it: it costs no allocation. For
    /// more than one number, or another type, use <see cref="GetPartitionedState{T}(ValueStateDescriptor{T})"/>.
    /// </summary>
    ref long State { get; }

    /// <summary>
    /// A named value kept per key and window (Flink's <c>getPartitionedState</c> with a <c>ValueStateDescriptor</c>),
    /// scoped to the window the trigger is deciding about. Declared at the first call; later calls with the same name
    /// return the same state. It survives purges, is checkpointed (with the descriptor's serializer, or the one
    /// <see cref="RxStreams.State.StateSerializers"/> gives), and is dropped when the window is freed, after
    /// <see cref="WindowTrigger.Clear"/>, or when its session window merges into another (a value state does not merge:
    /// keep what must survive a merge in a reducing state). Unlike <see cref="State"/>, which is restored when
    /// <see cref="WindowTrigger.OnElement"/> throws, changes made to it before a throw are kept.
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="descriptor">The state's name (unique within the trigger) and default value; no time to live.</param>
    /// <returns>A handle that reads and writes the current window's value; valid only inside the trigger's callbacks.</returns>
    ValueState<T> GetPartitionedState<T>(ValueStateDescriptor<T> descriptor);

    /// <summary>
    /// A named value kept per key and window that added values are reduced into (Flink's <c>getPartitionedState</c> with
    /// a <c>ReducingStateDescriptor</c>); in <see cref="WindowTrigger.OnMerge"/>,
    /// <see cref="MergePartitionedState{T}"/> reduces the merged sessions' values with the same function. Otherwise as
    /// <see cref="GetPartitionedState{T}(ValueStateDescriptor{T})"/>.
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="descriptor">The state's name (unique within the trigger) and reduce function; no time to live.</param>
    /// <returns>A handle that reads and adds to the current window's value; valid only inside the trigger's callbacks.</returns>
    ReducingState<T> GetPartitionedState<T>(ReducingStateDescriptor<T> descriptor);

    /// <summary>
    /// In <see cref="WindowTrigger.OnMerge"/>: reduces the values of the session windows that merged into the current
    /// one, in the sessions' order, and then into the current window's own value if it had one (Flink's
    /// <c>mergePartitionedState</c>). States the trigger does not merge lose the merged-away windows' values.
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="descriptor">The state to merge.</param>
    /// <exception cref="System.InvalidOperationException">Called outside <see cref="WindowTrigger.OnMerge"/>.</exception>
    void MergePartitionedState<T>(ReducingStateDescriptor<T> descriptor);

    /// <summary>Asks for <see cref="WindowTrigger.OnEventTime"/> when the watermark reaches <paramref name="time"/>. Registering the same time twice calls once.</summary>
    /// <param name="time">The event time.</param>
    void RegisterEventTimeTimer(long time);

    /// <summary>Asks for <see cref="WindowTrigger.OnProcessingTime"/> when the processing clock reaches <paramref name="time"/>.</summary>
    /// <param name="time">The processing time in milliseconds since the epoch.</param>
    void RegisterProcessingTimeTimer(long time);

    /// <summary>
    /// Deletes an event-time timer this window registered (Flink's <c>deleteEventTimeTimer</c>); nothing when none is
    /// pending. The operator's own cleanup timer (end + allowed lateness) is never deleted.
    /// </summary>
    /// <param name="time">The timer's time.</param>
    void DeleteEventTimeTimer(long time);

    /// <summary>Deletes a processing-time timer this window registered; nothing when none is pending. The processing-time cleanup timer stays.</summary>
    /// <param name="time">The timer's time.</param>
    void DeleteProcessingTimeTimer(long time);
}
