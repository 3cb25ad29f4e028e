using System;

namespace RxStreams;

/// <summary>
/// An observer that also takes a run of values in one call. <see cref="OnNextBatch"/> means exactly what calling
/// <see cref="IObserver{T}.OnNext"/> on each value in order means; it only saves the call per value. RxStreams' array
/// sources and operators hand runs of <see cref="StreamElement{T}"/> (records with the watermarks, statuses and barriers
/// between them, in order) to an observer that implements it, and one value at a time to any other observer, so a sink
/// that implements it reads a pipeline's output in batches. The span is valid only during the call.
/// </summary>
/// <typeparam name="T">The observed type, e.g. <c>StreamElement&lt;TRecord&gt;</c>.</typeparam>
public interface IBatchObserver<T> : IObserver<T>
{
    /// <summary>The values, in order: the same as <see cref="IObserver{T}.OnNext"/> on each.</summary>
    /// <param name="values">The values; read them during the call, the caller reuses the memory afterwards.</param>
    void OnNextBatch(ReadOnlySpan<T> values);
}
