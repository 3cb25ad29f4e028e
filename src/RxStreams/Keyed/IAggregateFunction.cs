namespace RxStreams;

/// <summary>
/// An incremental aggregation, as Flink's <c>AggregateFunction</c>: an accumulator is created per key (and later per
/// window), every record is added to it in place, and the result is read from it. <see cref="Merge"/> combines two
/// accumulators (session windows need it).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
/// <typeparam name="TAccumulator">The running state.</typeparam>
/// <typeparam name="TResult">What the aggregation emits.</typeparam>
public interface IAggregateFunction<in T, TAccumulator, out TResult>
{
    /// <summary>A fresh, empty accumulator.</summary>
    TAccumulator CreateAccumulator();

    /// <summary>
    /// Adds a record to the accumulator, in place. When it throws and the record goes to the dead letters, a value-type
    /// accumulator is put back as it was before the call (a copy, free); a reference-type accumulator is kept as the
    /// call left it, so change it only once nothing can fail any more (validate, then update).
    /// </summary>
    /// <param name="accumulator">The running state.</param>
    /// <param name="value">The record.</param>
    void Add(ref TAccumulator accumulator, T value);

    /// <summary>The result for the records added so far.</summary>
    /// <param name="accumulator">The running state.</param>
    TResult GetResult(in TAccumulator accumulator);

    /// <summary>Combines two accumulators into one.</summary>
    /// <param name="a">The first accumulator.</param>
    /// <param name="b">The second accumulator.</param>
    TAccumulator Merge(TAccumulator a, TAccumulator b);
}
