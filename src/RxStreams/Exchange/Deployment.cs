using System;
using System.Collections.Generic;
using System.Reactive.Disposables;

namespace RxStreams.Exchanges;

/// <summary>
/// One running instance of a parallel pipeline, made per subscription: its consumer tasks, and the source
/// subscriptions that start once every task is wired, so no element is pushed before its consumer listens.
/// </summary>
internal sealed class Deployment : IDisposable
{
    private readonly List<IDisposable> _tasks = new();
    private readonly List<Action> _starters = new();
    private readonly List<Action> _taskStarters = new();
    private readonly CompositeDisposable _subscriptions = new();

    public ExchangeMetrics Metrics { get; } = new();

    public void AddTask<T>(ConsumerTask<T> task)
    {
        _tasks.Add(task);
        _taskStarters.Add(task.Start);
    }

    public void AddSubscription(IDisposable subscription) => _subscriptions.Add(subscription);

    /// <summary>A source task starts with the consumer tasks: its thread pushes as soon as it runs.</summary>
    public void AddSourceTask<T>(SourceTask<T> task)
    {
        _tasks.Add(task);
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
            start();
        }
    }

    public void Dispose()
    {
        _subscriptions.Dispose();
        foreach (var task in _tasks)
        {
            task.Dispose();
        }
    }
}
