using System;
using System.Reactive.Disposables;

namespace RxStreams.Ingestion;

/// <summary>Pushes an array synchronously on subscription, then completes: no scheduler, no per-item check.</summary>
internal sealed class ArraySource<T>(T[] items) : IObservable<T>
{
    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var array = items;
        for (var i = 0; i < array.Length; i++)
        {
            observer.OnNext(array[i]);
        }

        observer.OnCompleted();
        return Disposable.Empty;
    }
}
