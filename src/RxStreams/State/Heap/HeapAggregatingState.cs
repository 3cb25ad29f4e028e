namespace RxStreams.State;

/// <summary><see cref="AggregatingState{TIn, TOut}"/> on the heap: an accumulator per key.</summary>
internal sealed class HeapAggregatingState<TKey, TIn, TAcc, TOut>(
    HeapStateTable<TKey, TAcc> table,
    AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor) : AggregatingState<TIn, TOut>
    where TKey : notnull
{
    public override string Name => descriptor.Name;

    public override bool IsEmpty => !table.TryGet(out _);

    public override TOut Result =>
        descriptor.Function.GetResult(table.TryGet(out var accumulator) ? accumulator : descriptor.Function.CreateAccumulator());

    public override void Add(TIn value)
    {
        ref var accumulator = ref table.GetForUpdate(out var existed);
        try
        {
            if (!existed)
            {
                accumulator = descriptor.Function.CreateAccumulator();
            }

            descriptor.Function.Add(ref accumulator, value);
        }
        catch
        {
            if (!existed)
            {
                table.Remove();
            }

            throw;
        }
    }

    public override void Clear() => table.Remove();
}
