using System;
using System.Numerics;

namespace RxStreams.Keyed.Aggregates;

/// <summary>Running sum and count of a numeric field.</summary>
/// <typeparam name="TSum">The type the sum is kept in, wider than the field's where that is cheap.</typeparam>
internal struct AverageAccumulator<TSum>
{
    public TSum Sum;
    public long Count;
}

/// <summary>Arithmetic mean of a numeric field, as a double; the sum is kept in <typeparamref name="TSum"/> (see <see cref="AverageSum"/>).</summary>
internal readonly struct AverageFunction<T, TNumber, TSum>(Func<T, TNumber> selector) : IAggregateFunction<T, AverageAccumulator<TSum>, double>
    where TNumber : INumber<TNumber>
    where TSum : INumber<TSum>
{
    public AverageAccumulator<TSum> CreateAccumulator() => new() { Sum = TSum.Zero };

    public void Add(ref AverageAccumulator<TSum> accumulator, T value)
    {
        // TSum is never narrower than TNumber, so the conversion is exact.
        accumulator.Sum = checked(accumulator.Sum + TSum.CreateTruncating(selector(value)));
        accumulator.Count++;
    }

    public double GetResult(in AverageAccumulator<TSum> accumulator) =>
        accumulator.Count == 0 ? double.NaN : double.CreateChecked(accumulator.Sum) / accumulator.Count;

    public AverageAccumulator<TSum> Merge(AverageAccumulator<TSum> a, AverageAccumulator<TSum> b) =>
        new() { Sum = checked(a.Sum + b.Sum), Count = a.Count + b.Count };
}

/// <summary>Builds an average operator once its sum type is chosen.</summary>
/// <typeparam name="TResult">The operator built.</typeparam>
internal interface IAverageBuilder<out TResult>
{
    TResult Build<TSum>()
        where TSum : INumber<TSum>;
}

/// <summary>
/// Chooses the sum type of an average as <c>Enumerable.Average</c> does, or wider: integers up to 32 bits sum in a
/// <see cref="long"/>, 64-bit integers in an <see cref="Int128"/>, <see cref="float"/> in a <see cref="double"/>; other
/// types in themselves (a <see cref="decimal"/> sum can still overflow, which fails the stream like an overflowing Sum).
/// </summary>
internal static class AverageSum
{
    public static TResult Build<TNumber, TResult>(IAverageBuilder<TResult> builder)
        where TNumber : INumber<TNumber>
    {
        var type = typeof(TNumber);
        if (type == typeof(int) || type == typeof(uint) || type == typeof(short) || type == typeof(ushort) ||
            type == typeof(sbyte) || type == typeof(byte) || type == typeof(char))
        {
            return builder.Build<long>();
        }

        if (type == typeof(long) || type == typeof(ulong) || type == typeof(nint) || type == typeof(nuint))
        {
            return builder.Build<Int128>();
        }

        return type == typeof(float) || type == typeof(Half) ? builder.Build<double>() : builder.Build<TNumber>();
    }
}
