using System;

namespace RxStreams;

/// <summary>
/// What a <see cref="StreamJob{T}"/> does when an attempt fails (Flink's restart strategies): restart from the last
/// completed checkpoint after a delay, or give up and pass the error on.
/// </summary>
public abstract class RestartStrategy
{
    private protected RestartStrategy()
    {
    }

    /// <summary>Never restart: the first failure ends the job.</summary>
    public static RestartStrategy None { get; } = new NoRestart();

    /// <summary>Restart after <paramref name="delay"/>, at most <paramref name="maxAttempts"/> times in all.</summary>
    /// <param name="maxAttempts">How many restarts are allowed; at least 1.</param>
    /// <param name="delay">The pause before each restart.</param>
    public static RestartStrategy FixedDelay(int maxAttempts, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new Fixed(maxAttempts, delay);
    }

    /// <summary>
    /// Restart after a delay that starts at <paramref name="initialDelay"/> and is multiplied by
    /// <paramref name="multiplier"/> after each failure, up to <paramref name="maxDelay"/>; at most <paramref name="maxAttempts"/> restarts.
    /// </summary>
    /// <param name="initialDelay">The first delay.</param>
    /// <param name="maxDelay">The longest delay.</param>
    /// <param name="multiplier">The growth per failure; at least 1.</param>
    /// <param name="maxAttempts">How many restarts are allowed; at least 1.</param>
    public static RestartStrategy ExponentialDelay(TimeSpan initialDelay, TimeSpan maxDelay, double multiplier = 2, int maxAttempts = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, initialDelay);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiplier, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        return new Exponential(initialDelay, maxDelay, multiplier, maxAttempts);
    }

    /// <summary>The delay before restart number <paramref name="restart"/> (1 for the first); null to give up.</summary>
    internal abstract TimeSpan? DelayBefore(int restart);

    private sealed class NoRestart : RestartStrategy
    {
        internal override TimeSpan? DelayBefore(int restart) => null;

        public override string ToString() => "no restart";
    }

    private sealed class Fixed(int maxAttempts, TimeSpan delay) : RestartStrategy
    {
        internal override TimeSpan? DelayBefore(int restart) => restart <= maxAttempts ? delay : null;

        public override string ToString() => $"fixed delay {delay}, {maxAttempts} attempts";
    }

    private sealed class Exponential(TimeSpan initial, TimeSpan max, double multiplier, int maxAttempts) : RestartStrategy
    {
        internal override TimeSpan? DelayBefore(int restart)
        {
            if (restart > maxAttempts)
            {
                return null;
            }

            var ticks = initial.Ticks * Math.Pow(multiplier, restart - 1);
            return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
        }

        public override string ToString() => $"exponential delay {initial}..{max} ×{multiplier}, {maxAttempts} attempts";
    }
}
