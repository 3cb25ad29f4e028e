using System.Threading;
using System.Threading.Tasks;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using RxStreams.Testing;

namespace RxStreams.Tests.Exchange;

/// <summary>
/// Helpers for tests whose pipelines run on real task threads: every wait has a generous timeout, so a hang fails the
/// test instead of the run. No sleeps and no timing assertions.
/// </summary>
internal static class ExchangeTestSupport
{
    /// <summary>How long any test waits for a pipeline before failing; only reached when something hangs.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    /// <summary>Subscribes on a pool thread (so a blocking synchronous source cannot hang the test) and collects everything.</summary>
    public static IList<T> Collect<T>(IObservable<T> stream)
    {
        var task = Task.Run(() => stream.ToList().ToTask());
        Assert.True(task.Wait(WaitLimit), "The pipeline did not complete in time.");
        return task.Result;
    }

    /// <summary>The result of <paramref name="task"/>; fails the test when it does not finish in time.</summary>
    public static T Await<T>(Task<T> task)
    {
        Assert.True(task.Wait(WaitLimit), "The pipeline did not complete in time.");
        return task.Result;
    }

    /// <summary>Subscribes on a pool thread and returns the error the stream ends with.</summary>
    public static Exception CollectError<T>(IObservable<T> stream)
    {
        var task = Task.Run(() => stream.ToList().ToTask());
        var ended = false;
        try
        {
            ended = task.Wait(WaitLimit);
        }
        catch (AggregateException)
        {
            ended = true;
        }

        Assert.True(ended, "The pipeline did not end in time.");
        Assert.True(task.IsFaulted, "The pipeline completed instead of failing.");
        return task.Exception!.GetBaseException();
    }

    /// <summary>An event-time stream of the integers 0 … count − 1, each at its own value as timestamp, ascending.</summary>
    public static IObservable<StreamElement<int>> Ints(int count) =>
        Observable.Range(0, count).WithEventTime(i => (long)i, WatermarkStrategy.ForMonotonousTimestamps());

    /// <summary>The elements of a stream description, emitted synchronously on subscription.</summary>
    public static IObservable<StreamElement<string>> Described(string description) =>
        StreamDescription.Parse(description).ToObservable();

    /// <summary>Maps every element (records and control elements alike) with plain Rx.</summary>
    public static IObservable<TResult> Each<T, TResult>(this IObservable<StreamElement<T>> stream, Func<StreamElement<T>, TResult> selector) =>
#pragma warning disable RXS0001 // Maps every element, control elements included, on purpose.
        Observable.Select(stream, selector);
#pragma warning restore RXS0001
}

/// <summary>A thread-safe observer that lets the test wait until a number of items arrived or the stream ended.</summary>
internal sealed class WaitingCollector<T> : IObserver<T>
{
    private readonly object _gate = new();
    private readonly List<T> _items = new();

    public Exception? Error { get; private set; }

    public bool Completed { get; private set; }

    public List<T> Items
    {
        get
        {
            lock (_gate)
            {
                return _items.ToList();
            }
        }
    }

    public void OnNext(T value)
    {
        lock (_gate)
        {
            _items.Add(value);
            Monitor.PulseAll(_gate);
        }
    }

    public void OnError(Exception error)
    {
        lock (_gate)
        {
            Error = error;
            Monitor.PulseAll(_gate);
        }
    }

    public void OnCompleted()
    {
        lock (_gate)
        {
            Completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> items arrived; fails the test on timeout.</summary>
    public void WaitForCount(int count) => WaitFor(() => _items.Count >= count, $"{count} items");

    /// <summary>Waits until the stream completed or failed; fails the test on timeout.</summary>
    public void WaitForEnd() => WaitFor(() => Completed || Error is not null, "the end of the stream");

    private void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + ExchangeTestSupport.WaitLimit;
        lock (_gate)
        {
            while (!condition())
            {
                var left = deadline - DateTime.UtcNow;
                Assert.True(left > TimeSpan.Zero, $"Timed out waiting for {what}; got {_items.Count} items.");
                Monitor.Wait(_gate, left);
            }
        }
    }
}
