using System;
using System.Numerics;

namespace RxStreams.Keyed.Aggregates;

/// <summary>Running sum and count of a numeric field.</summary>
/// <typeparam name="TNumber">The number type.</typeparam>
internal struct AverageAccumulator<TNumber>
{
    public TNumber Sum;
    public long Count;
}

/// <summary>Arithmetic mean of a numeric field, as a double.</summary>
internal readonly struct AverageFunction<T, TNumber>(Func<T, TNumber> selector) : IAggregateFunction<T, AverageAccumulator<TNumber>, double>
    where TNumber : INumber<TNumber>
{
    public AverageAccumulator<TNumber> CreateAccumulator() => new() { Sum = TNumber.Zero };

    public void Add(ref AverageAccumulator<TNumber> accumulator, T value)
    {
        accumulator.Sum = checked(accumulator.Sum + selector(value));
        accumulator.Count++;
    }

    public double GetResult(in AverageAccumulator<TNumber> accumulator) =>
        accumulator.Count == 0 ? double.NaN : double.CreateChecked(accumulator.Sum) / accumulator.Count;

    public AverageAccumulator<TNumber> Merge(AverageAccumulator<TNumber> a, AverageAccumulator<TNumber> b) =>
        new() { Sum = checked(a.Sum + b.Sum), Count = a.Count + b.Count };
}
