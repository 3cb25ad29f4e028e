namespace RxStreams.Tests.Core;

/// <summary>
/// Test sources for the batched path: one that hands an array over in slices of random lengths to an observer that
/// takes batches, and one that never batches (the per-record path, whatever the observer).
/// </summary>
internal static class BatchSources
{
    /// <summary>The items in slices of 1 to <paramref name="maxSlice"/> values, chosen by <paramref name="seed"/>, to a batch observer; one by one to any other.</summary>
    public static IObservable<T> InRandomSlices<T>(T[] items, int seed, int maxSlice) => new Sliced<T>(items, seed, maxSlice);

    /// <summary>The items one by one, to any observer.</summary>
    public static IObservable<T> OneByOne<T>(T[] items) => new Sliced<T>(items, 0, 0);

    private sealed class Sliced<T>(T[] items, int seed, int maxSlice) : IObservable<T>
    {
        public IDisposable Subscribe(IObserver<T> observer)
        {
            if (maxSlice > 0 && observer is IBatchObserver<T> batches)
            {
                var random = new Random(seed);
                for (var start = 0; start < items.Length;)
                {
                    var length = Math.Min(items.Length - start, random.Next(1, maxSlice + 1));
                    batches.OnNextBatch(new ReadOnlySpan<T>(items, start, length));
                    start += length;
                }
            }
            else
            {
                foreach (var item in items)
                {
                    observer.OnNext(item);
                }
            }

            observer.OnCompleted();
            return System.Reactive.Disposables.Disposable.Empty;
        }
    }
}

/// <summary>
/// Collects everything a pipeline emits as text (<c>value@time</c>, <c>W5</c>, …, then <c>completed</c> or the error's
/// type and message), taking batches when offered; counts the batch calls.
/// </summary>
internal sealed class ElementLog<T> : IBatchObserver<StreamElement<T>>
{
    public List<string> Elements { get; } = [];

    /// <summary>The records' values, in order.</summary>
    public List<T> Records { get; } = [];

    public int Batches { get; private set; }

    public void OnNext(StreamElement<T> value)
    {
        Elements.Add(value.ToString());
        if (value.IsRecord)
        {
            Records.Add(value.Value);
        }
    }

    public void OnNextBatch(ReadOnlySpan<StreamElement<T>> values)
    {
        Batches++;
        foreach (var value in values)
        {
            OnNext(value);
        }
    }

    public void OnError(Exception error) => Elements.Add($"error {error.GetType().Name}: {error.Message}");

    public void OnCompleted() => Elements.Add("completed");
}
