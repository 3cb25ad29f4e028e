using System;
using System.Numerics;

namespace RxStreams.Keyed.Aggregates;

/// <summary>Sum of a numeric field, with overflow checking where the number type has it.</summary>
internal readonly struct SumFunction<T, TNumber>(Func<T, TNumber> selector) : IAggregateFunction<T, TNumber, TNumber>
    where TNumber : INumber<TNumber>
{
    public TNumber CreateAccumulator() => TNumber.Zero;

    public void Add(ref TNumber accumulator, T value) => accumulator = checked(accumulator + selector(value));

    public TNumber GetResult(in TNumber accumulator) => accumulator;

    public TNumber Merge(TNumber a, TNumber b) => checked(a + b);
}
