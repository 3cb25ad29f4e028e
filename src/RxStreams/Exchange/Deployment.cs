using System;
using System.Collections.Generic;
using System.Reactive.Disposables;
using System.Threading;

namespace RxStreams.Exchanges;

/// <summary>
/// One running instance of a parallel pipeline, made per subscription: its consumer tasks, and the source
/// subscriptions that start once every task is wired, so no element is pushed before its consumer listens.
/// Disposing it (the subscriber, or the merged stream's end) cancels the sources and stops every task thread.
/// </summary>
internal sealed class Deployment : IDisposable
{
    private readonly List<IDisposable> _tasks = new();
    private readonly List<Func<Thread?>> _threads = new();
    private readonly List<Action> _starters = new();
    private readonly List<Action> _taskStarters = new();
    private readonly CompositeDisposable _subscriptions = new();
    private int _disposed;

    public ExchangeMetrics Metrics { get; } = new();

    /// <summary>The threads of the tasks started so far (for tests of teardown).</summary>
    public IReadOnlyList<Thread> Threads
    {
        get
        {
            var threads = new List<Thread>();
            foreach (var thread in _threads)
            {
                if (thread() is { } started)
                {
                    threads.Add(started);
                }
            }

            return threads;
        }
    }

    public void AddTask<T>(ConsumerTask<T> task)
    {
        _tasks.Add(task);
        _threads.Add(() => task.Thread);
        _taskStarters.Add(task.Start);
    }

    /// <summary>Keeps a subscription until disposal; one added after disposal is disposed at once.</summary>
    public void AddSubscription(IDisposable subscription) => _subscriptions.Add(subscription);

    /// <summary>A source task starts with the consumer tasks: its thread pushes as soon as it runs.</summary>
    public void AddSourceTask<T>(SourceTask<T> task)
    {
        _tasks.Add(task);
        _threads.Add(() => task.Thread);
        _starters.Add(task.Start);
    }

    /// <summary>Runs when the pipeline starts, after every task thread runs: subscribes a source.</summary>
    public void OnStart(Action start) => _starters.Add(start);

    public void Start()
    {
        foreach (var start in _taskStarters)
        {
            start();
        }

        foreach (var start in _starters)
        {
            // The pipeline can fail (and be torn down) while its first sources start: start no more.
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            start();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Tasks first: cancelling their channels releases a producer waiting for room, so a source whose disposal
        // waits for its own thread (now perhaps torn down from a task's thread, on error) cannot wait forever.
        foreach (var task in _tasks)
        {
            task.Dispose();
        }

        _subscriptions.Dispose();
    }
}
