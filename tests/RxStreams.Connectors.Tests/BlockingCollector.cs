using System.Threading;

namespace RxStreams.Tests.Checkpoints.Parallel;

/// <summary>Collects a parallel job's records from any thread and lets the test wait for its end (as in RxStreams.Tests' ParallelJobTest).</summary>
internal sealed class BlockingCollector<T> : IObserver<StreamElement<T>>
{
    private readonly List<T> _items = [];
    private readonly ManualResetEventSlim _ended = new();

    public List<T> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    public Exception? Error { get; private set; }

    public bool Ended => _ended.IsSet;

    public void OnNext(StreamElement<T> value)
    {
        if (value.IsRecord)
        {
            lock (_items)
            {
                _items.Add(value.Value);
            }
        }
    }

    public void OnError(Exception error)
    {
        Error = error;
        _ended.Set();
    }

    public void OnCompleted() => _ended.Set();

    public void Wait(TimeSpan timeout)
    {
        Assert.True(_ended.Wait(timeout), "the job did not end");
        if (Error is not null)
        {
            throw new Xunit.Sdk.XunitException($"the job failed: {Error}");
        }
    }
}
