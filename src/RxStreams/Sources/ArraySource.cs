using System;
using System.Reactive.Disposables;

namespace RxStreams.Ingestion;

/// <summary>
/// Pushes an array synchronously on subscription, then completes: no scheduler, no per-item check. An observer that
/// takes batches (<see cref="IBatchObserver{T}"/>) gets the array in slices of <see cref="Batching.Size"/>, without a copy.
/// </summary>
internal sealed class ArraySource<T>(T[] items) : IObservable<T>
{
    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var array = items;
        if (Batching.Of(observer) is { } batches)
        {
            for (var start = 0; start < array.Length; start += Batching.Size)
            {
                batches.OnNextBatch(new ReadOnlySpan<T>(array, start, Math.Min(Batching.Size, array.Length - start)));
            }
        }
        else
        {
            for (var i = 0; i < array.Length; i++)
            {
                observer.OnNext(array[i]);
            }
        }

        observer.OnCompleted();
        return Disposable.Empty;
    }
}
