namespace RxStreams.RocksDb;

/// <summary><see cref="AggregatingState{TIn, TOut}"/> in RocksDB: an accumulator per key, read, updated and written back.</summary>
internal sealed class RocksDbAggregatingState<TKey, TIn, TAcc, TOut>(
    RocksDbValueTable<TKey, TAcc> table,
    AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor) : AggregatingState<TIn, TOut>
    where TKey : notnull
{
    public override string Name => descriptor.Name;

    public override bool IsEmpty => !table.TryGet(out _);

    public override TOut Result =>
        descriptor.Function.GetResult(table.TryGet(out var accumulator) ? accumulator : descriptor.Function.CreateAccumulator());

    public override void Add(TIn value)
    {
        if (!table.TryGetForUpdate(out var accumulator))
        {
            accumulator = descriptor.Function.CreateAccumulator();
        }

        // Updated in a copy and written back after: a throwing function leaves the stored accumulator as it was.
        descriptor.Function.Add(ref accumulator, value);
        table.Set(accumulator);
    }

    public override void Clear() => table.Remove();
}
