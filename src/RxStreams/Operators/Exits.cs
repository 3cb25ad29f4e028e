using System;

namespace RxStreams.Operators;

/// <summary>Leaves the event-time world: projects records (and optionally watermarks) to a plain observable.</summary>
internal sealed class Exit<T, TOut> : IObservable<TOut>
{
    private readonly IObservable<StreamElement<T>> _source;
    private readonly ElementKind _kind;
    private readonly Func<StreamElement<T>, TOut> _project;

    public Exit(IObservable<StreamElement<T>> source, ElementKind kind, Func<StreamElement<T>, TOut> project)
    {
        _source = source;
        _kind = kind;
        _project = project;
    }

    public IDisposable Subscribe(IObserver<TOut> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return _source.Subscribe(new Sink(this, observer));
    }

    private sealed class Sink(Exit<T, TOut> parent, IObserver<TOut> observer) : IObserver<StreamElement<T>>
    {
        public void OnNext(StreamElement<T> value)
        {
            if (value.Kind == parent._kind)
            {
                observer.OnNext(parent._project(value));
            }
        }

        public void OnError(Exception error) => observer.OnError(error);

        public void OnCompleted() => observer.OnCompleted();
    }
}
