namespace RxStreams;

/// <summary>Time arithmetic that stays within the ends of time instead of wrapping around.</summary>
internal static class TimeArithmetic
{
    /// <summary><paramref name="time"/> + <paramref name="delta"/>, clamped to <see cref="long.MinValue"/> and <see cref="long.MaxValue"/>.</summary>
    public static long SaturatingAdd(long time, long delta)
    {
        var sum = unchecked(time + delta);

        // Overflow happened when both operands share a sign that the sum does not.
        if (((time ^ sum) & (delta ^ sum)) < 0)
        {
            return delta > 0 ? long.MaxValue : long.MinValue;
        }

        return sum;
    }
}
