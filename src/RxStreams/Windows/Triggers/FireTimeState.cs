namespace RxStreams.Windows.Triggers;

/// <summary>
/// A pending firing time kept in <see cref="ITriggerContext.State"/>, whose 0 means "none": the time is stored with its
/// sign bit flipped, so only <see cref="long.MinValue"/>, never a firing time, reads as none. Merging keeps the earlier
/// time (Flink's <c>fire-time</c> state, reduced with <c>Min</c>).
/// </summary>
internal static class FireTimeState
{
    public static bool TryGet(long state, out long time)
    {
        time = state ^ long.MinValue;
        return state != 0;
    }

    public static long Of(long time) => time ^ long.MinValue;

    public static long Merge(long a, long b) => a == 0 ? b : b == 0 ? a : Of(System.Math.Min(Of(a), Of(b)));
}
