using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace RxStreams;

/// <summary>
/// An <see cref="IScheduler"/> whose clock is a stream's watermark: work scheduled for a due time runs when the
/// watermark reaches it (due time ≤ watermark), in due-time order, ties in scheduling order. Attach it to a stream with
/// <c>WithEventTimeScheduler</c>; then <c>Observable.Timer(dueTime, scheduler)</c> or any Rx operator that takes a
/// scheduler runs in event time.
/// </summary>
/// <remarks>
/// While a timer runs, <see cref="Now"/> is the timer's due time; after the advance it is the watermark. Work scheduled
/// for a time already passed (including immediate work) runs at the next watermark advance, as Flink fires an
/// event-time timer registered in the past. Relative due times count from the current watermark; before the first
/// watermark that is <see cref="Watermark.MinValue"/>, so prefer absolute due times (<see cref="ScheduleAt"/>) until
/// event time has started. Scheduling is thread-safe; advancing is done by one stream.
/// </remarks>
public sealed class EventTimeScheduler : IScheduler
{
    private readonly object _gate = new();
    private readonly PriorityQueue<WorkItem, (long Due, long Sequence)> _queue = new();
    private long _sequence;
    private long _clock = Watermark.MinValue;
    private bool _advancing;

    /// <summary>The current event time (the watermark) in milliseconds since the Unix epoch.</summary>
    public long CurrentWatermark
    {
        get
        {
            lock (_gate)
            {
                return _clock;
            }
        }
    }

    /// <summary>How many timers are scheduled and not yet run or cancelled.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                var count = 0;
                foreach (var (item, _) in _queue.UnorderedItems)
                {
                    if (!item.IsDisposed)
                    {
                        count++;
                    }
                }

                return count;
            }
        }
    }

    /// <inheritdoc />
    public DateTimeOffset Now => EventTime.ToDateTimeOffset(CurrentWatermark);

    /// <inheritdoc />
    public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Enqueue(CurrentWatermark, state, action);
    }

    /// <inheritdoc />
    public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            var delay = Math.Max(0, dueTime.Ticks / TimeSpan.TicksPerMillisecond);
            var due = EventTime.Add(_clock, delay);
            return EnqueueLocked(due, state, action);
        }
    }

    /// <inheritdoc />
    public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Enqueue(EventTime.FromDateTimeOffset(dueTime), state, action);
    }

    /// <summary>Schedules <paramref name="action"/> for event time <paramref name="timestamp"/> (milliseconds since the epoch).</summary>
    /// <param name="timestamp">When the watermark reaches this, the action runs.</param>
    /// <param name="action">The work.</param>
    /// <returns>Disposing it cancels the timer.</returns>
    public IDisposable ScheduleAt(long timestamp, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Enqueue(timestamp, action, static (_, a) =>
        {
            a();
            return Disposable.Empty;
        });
    }

    /// <summary>
    /// Moves event time to <paramref name="watermark"/> and runs every timer due at or before it. A watermark not above
    /// the current one does nothing. Called by <c>WithEventTimeScheduler</c>; call it directly only when you drive time yourself.
    /// </summary>
    /// <param name="watermark">The new watermark.</param>
    public void AdvanceTo(long watermark)
    {
        lock (_gate)
        {
            if (_advancing)
            {
                throw new InvalidOperationException("The event-time scheduler is already advancing; a timer cannot advance it again.");
            }

            if (watermark <= _clock)
            {
                return;
            }

            _advancing = true;
        }

        try
        {
            while (true)
            {
                WorkItem? item;
                lock (_gate)
                {
                    if (!_queue.TryPeek(out item, out var priority) || priority.Due > watermark)
                    {
                        _clock = watermark;
                        return;
                    }

                    _queue.Dequeue();
                    if (priority.Due > _clock)
                    {
                        _clock = priority.Due;
                    }
                }

                item.Invoke(this);
            }
        }
        finally
        {
            lock (_gate)
            {
                _advancing = false;
            }
        }
    }

    private WorkItem<TState> Enqueue<TState>(long due, TState state, Func<IScheduler, TState, IDisposable> action)
    {
        lock (_gate)
        {
            return EnqueueLocked(due, state, action);
        }
    }

    private WorkItem<TState> EnqueueLocked<TState>(long due, TState state, Func<IScheduler, TState, IDisposable> action)
    {
        var item = new WorkItem<TState>(state, action);
        _queue.Enqueue(item, (due, _sequence++));
        return item;
    }

    private abstract class WorkItem : IDisposable
    {
        private readonly SingleAssignmentDisposable _inner = new();

        public bool IsDisposed => _inner.IsDisposed;

        public void Invoke(IScheduler scheduler)
        {
            if (!_inner.IsDisposed)
            {
                _inner.Disposable = Run(scheduler);
            }
        }

        public void Dispose() => _inner.Dispose();

        protected abstract IDisposable Run(IScheduler scheduler);
    }

    private sealed class WorkItem<TState>(TState state, Func<IScheduler, TState, IDisposable> action) : WorkItem
    {
        protected override IDisposable Run(IScheduler scheduler) => action(scheduler, state);
    }
}
