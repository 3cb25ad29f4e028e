namespace RxStreams.Keyed.Aggregates;

/// <summary>Number of records.</summary>
internal readonly struct CountFunction<T> : IAggregateFunction<T, long, long>
{
    public long CreateAccumulator() => 0;

    public void Add(ref long accumulator, T value) => accumulator++;

    public long GetResult(in long accumulator) => accumulator;

    public long Merge(long a, long b) => a + b;
}
