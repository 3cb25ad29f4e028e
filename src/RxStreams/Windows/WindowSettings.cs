using System;
using System.Reactive.Concurrency;

namespace RxStreams.Windows;

/// <summary>The resolved configuration of one window operator.</summary>
internal sealed class WindowSettings<TKey, T>
    where TKey : notnull
{
    public required KeyedStream<TKey, T> Stream { get; init; }

    public required WindowAssigner Assigner { get; init; }

    public required WindowTrigger Trigger { get; init; }

    public long AllowedLateness { get; init; }

    public SideOutput<Record<T>>? LateData { get; init; }

    public WindowCounters? Counters { get; init; }

    public IScheduler? ProcessingTimeScheduler { get; init; }

    /// <summary>False to keep eligible windows on the per-window path (no panes, no aligned tables); tests compare the paths with it.</summary>
    public bool AllowSlicing { get; init; } = true;

    /// <summary>The one processing-time clock of the assigner and the trigger; they must agree.</summary>
    public static IScheduler? ClockOf(WindowAssigner assigner, WindowTrigger trigger)
    {
        var a = assigner.ProcessingTimeScheduler;
        var t = trigger.ProcessingTimeScheduler;
        if (a is not null && t is not null && !ReferenceEquals(a, t))
        {
            throw new ArgumentException("The window assigner and the trigger use different processing-time schedulers; give both the same one.", nameof(trigger));
        }

        return a ?? t;
    }
}
