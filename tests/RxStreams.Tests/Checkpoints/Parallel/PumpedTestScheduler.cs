using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Threading;
using Microsoft.Reactive.Testing;

namespace RxStreams.Tests.Checkpoints.Parallel;

/// <summary>
/// A <see cref="TestScheduler"/> that parallel tasks may schedule on from their own threads: work scheduled from another
/// thread waits in a queue until the test thread's next <see cref="Pump"/>, which schedules it on the virtual clock. The
/// test thread advances time in small steps and pumps between them, so a parallel job runs in virtual time while its
/// tasks run on real threads.
/// </summary>
internal sealed class PumpedTestScheduler : IScheduler
{
    private readonly TestScheduler _inner = new();
    private readonly ConcurrentQueue<Action> _inbox = new();
    private readonly int _owner = Environment.CurrentManagedThreadId;

    public DateTimeOffset Now => _inner.Now;

    public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action) =>
        Schedule(state, TimeSpan.Zero, action);

    public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
        Schedule(state, dueTime - Now, action);

    public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        if (Environment.CurrentManagedThreadId == _owner)
        {
            return _inner.Schedule(state, dueTime, (_, s) => action(this, s));
        }

        var handle = new SingleAssignmentDisposable();
        _inbox.Enqueue(() =>
        {
            if (!handle.IsDisposed)
            {
                handle.Disposable = _inner.Schedule(state, dueTime, (_, s) => action(this, s));
            }
        });
        return handle;
    }

    /// <summary>Moves work scheduled from other threads onto the virtual clock; true when there was some.</summary>
    public bool Pump()
    {
        var any = false;
        while (_inbox.TryDequeue(out var schedule))
        {
            schedule();
            any = true;
        }

        return any;
    }

    /// <summary>
    /// Advances virtual time in steps of <paramref name="step"/>, pumping between them, until <paramref name="done"/>
    /// holds; fails after 60 s of real time.
    /// </summary>
    public void RunUntil(Func<bool> done, TimeSpan step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the job did not end within 60 s of real time");
            if (!Pump())
            {
                Thread.Yield();
            }

            _inner.AdvanceBy(step.Ticks);
        }
    }
}
