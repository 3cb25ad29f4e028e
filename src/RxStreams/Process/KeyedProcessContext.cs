using System;
using System.Reactive.Concurrency;

namespace RxStreams;

/// <summary>
/// What a keyed process function sees while it handles a record or a timer: the <see cref="ProcessContext{TOut}"/>
/// plus the current key and its timers (Flink's <c>KeyedProcessFunction.Context</c> and <c>OnTimerContext</c>).
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public sealed class KeyedProcessContext<TKey, TOut> : ProcessContext<TOut>
{
    internal KeyedProcessContext(IObserver<StreamElement<TOut>> downstream, IScheduler? clock, ITimerService timers)
        : base(downstream, clock) => TimerService = timers;

    /// <summary>The key of the record or timer being processed.</summary>
    public TKey Key { get; private set; } = default!;

    /// <summary>In <c>OnTimer</c>, the clock of the timer that fired; null while processing a record.</summary>
    public TimeDomain? TimerDomain { get; private set; }

    /// <summary>The current key's timers.</summary>
    public ITimerService TimerService { get; }

    internal void Set(TKey key, long timestamp, TimeDomain? timerDomain)
    {
        Key = key;
        Timestamp = timestamp;
        TimerDomain = timerDomain;
    }
}
