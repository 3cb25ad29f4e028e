using System;
using System.Collections.Generic;

namespace RxStreams.Operators;

/// <summary>
/// Groups records by count into lists, each stamped with its last record's timestamp; the last, shorter list is
/// emitted when the input ends (before <c>Wmax</c>). Control elements pass as they arrive.
/// </summary>
internal sealed class Buffer<T> : StreamOperator<T, IList<T>>, IUncheckpointedState
{
    private readonly int _count;

    public Buffer(IObservable<StreamElement<T>> source, int count)
        : base(source, "Buffer") => _count = count;

    protected override OperatorSink<T, IList<T>> CreateSink(IObserver<StreamElement<IList<T>>> observer) => new Sink(observer, Name, _count);

    private sealed class Sink(IObserver<StreamElement<IList<T>>> observer, string name, int count) : EndOfInputSink<T, IList<T>>(observer, name)
    {
        private List<T> _buffer = new(count);
        private long _lastTimestamp;

        protected override void OnRecord(T value, long timestamp)
        {
            _buffer.Add(value);
            _lastTimestamp = timestamp;
            if (_buffer.Count == count)
            {
                Flush();
            }
        }

        protected override void OnEndOfInput()
        {
            if (_buffer.Count > 0)
            {
                Flush();
            }
        }

        private void Flush()
        {
            var full = _buffer;
            _buffer = new List<T>(count);
            Emit(full, _lastTimestamp);
        }
    }
}
