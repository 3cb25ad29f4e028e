using System;

namespace RxStreams.Nexmark;

/// <summary>
/// A cold observable over pre-generated events: each subscription pushes the whole array synchronously, then
/// completes. No scheduler and no per-item cancellation check, so that a benchmark measures the pipeline, not the source.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ArrayObservable<T> : IObservable<T>
{
    private readonly T[] _items;

    /// <summary>An observable of <paramref name="items"/>.</summary>
    /// <param name="items">The items, pushed in order.</param>
    public ArrayObservable(T[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items;
    }

    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            observer.OnNext(items[i]);
        }

        observer.OnCompleted();
        return Nothing.Instance;
    }

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose()
        {
        }
    }
}
