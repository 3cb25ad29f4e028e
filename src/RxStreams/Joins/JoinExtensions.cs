using System;
using System.Collections.Generic;
using RxStreams.Joins;

namespace RxStreams;

/// <summary>Event-time joins of two streams: in the same window (Flink's window join) or within a time interval (Flink's interval join).</summary>
public static class JoinExtensions
{
    /// <summary>
    /// Joins records of the two streams that have the same key and fall in the same window: when a window fires, every
    /// (left, right) pair of it is emitted, with the window's <see cref="TimeWindow.MaxTimestamp"/> (Flink's
    /// <c>join(...).where(...).equalTo(...).window(...)</c>, an inner join). The output watermark is the minimum of the two inputs'.
    /// </summary>
    /// <typeparam name="TLeft">The left record type.</typeparam>
    /// <typeparam name="TRight">The right record type.</typeparam>
    /// <typeparam name="TKey">The join key.</typeparam>
    /// <typeparam name="TResult">The joined result.</typeparam>
    /// <param name="left">The left stream.</param>
    /// <param name="right">The right stream.</param>
    /// <param name="leftKey">The key of a left record.</param>
    /// <param name="rightKey">The key of a right record.</param>
    /// <param name="assigner">The windows, for example tumbling or sliding event-time windows.</param>
    /// <param name="resultSelector">Combines a matching pair.</param>
    /// <param name="allowedLateness">How long after a window's end late records still join (each late record re-emits the window's pairs).</param>
    public static IObservable<StreamElement<TResult>> WindowJoin<TLeft, TRight, TKey, TResult>(
        this IObservable<StreamElement<TLeft>> left,
        IObservable<StreamElement<TRight>> right,
        Func<TLeft, TKey> leftKey,
        Func<TRight, TKey> rightKey,
        WindowAssigner assigner,
        Func<TLeft, TRight, TResult> resultSelector,
        TimeSpan allowedLateness = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(resultSelector);
        ArgumentNullException.ThrowIfNull(assigner);
        return Tagged(left, right, leftKey, rightKey)
            .Window(assigner)
            .AllowedLateness(allowedLateness)
            .Process((_, _, records) => CrossProduct(records, resultSelector))
            .SelectMany(static result => result.Value);
    }

    /// <summary>
    /// Joins each left record at time <c>a</c> with every right record of the same key at time <c>b</c> where
    /// <c>a + lower ≤ b ≤ a + upper</c> (Flink's interval join, bounds inclusive unless made exclusive). Results carry
    /// <c>max(a, b)</c>. Records are kept only while they can still match; a record below Flink's inclusive watermark
    /// (ours minus one) cannot be matched reliably and goes to <paramref name="lateLeft"/> or <paramref name="lateRight"/>.
    /// </summary>
    /// <typeparam name="TLeft">The left record type.</typeparam>
    /// <typeparam name="TRight">The right record type.</typeparam>
    /// <typeparam name="TKey">The join key.</typeparam>
    /// <typeparam name="TResult">The joined result.</typeparam>
    /// <param name="left">The left stream.</param>
    /// <param name="right">The right stream.</param>
    /// <param name="leftKey">The key of a left record.</param>
    /// <param name="rightKey">The key of a right record.</param>
    /// <param name="lower">The lower bound of <c>b − a</c> (may be negative).</param>
    /// <param name="upper">The upper bound of <c>b − a</c>; at least <paramref name="lower"/>.</param>
    /// <param name="resultSelector">Combines a matching pair.</param>
    /// <param name="lateLeft">Receives late left records.</param>
    /// <param name="lateRight">Receives late right records.</param>
    /// <param name="lowerBoundExclusive">Excludes <c>b − a = lower</c> (Flink's <c>lowerBoundExclusive()</c>).</param>
    /// <param name="upperBoundExclusive">Excludes <c>b − a = upper</c> (Flink's <c>upperBoundExclusive()</c>).</param>
    /// <param name="counters">Receives the buffered, late and joined counts.</param>
    public static IObservable<StreamElement<TResult>> IntervalJoin<TLeft, TRight, TKey, TResult>(
        this IObservable<StreamElement<TLeft>> left,
        IObservable<StreamElement<TRight>> right,
        Func<TLeft, TKey> leftKey,
        Func<TRight, TKey> rightKey,
        TimeSpan lower,
        TimeSpan upper,
        Func<TLeft, TRight, TResult> resultSelector,
        SideOutput<Record<TLeft>>? lateLeft = null,
        SideOutput<Record<TRight>>? lateRight = null,
        bool lowerBoundExclusive = false,
        bool upperBoundExclusive = false,
        IntervalJoinCounters? counters = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(resultSelector);
        return left.IntervalJoin(
            right, leftKey, rightKey, lower, upper, (l, _, r, _) => resultSelector(l, r), lateLeft, lateRight, lowerBoundExclusive, upperBoundExclusive, counters);
    }

    /// <summary>
    /// As the interval join above, with a join function that also receives both records' timestamps (Flink's
    /// <c>ProcessJoinFunction.Context.getLeftTimestamp / getRightTimestamp</c>).
    /// </summary>
    /// <typeparam name="TLeft">The left record type.</typeparam>
    /// <typeparam name="TRight">The right record type.</typeparam>
    /// <typeparam name="TKey">The join key.</typeparam>
    /// <typeparam name="TResult">The joined result.</typeparam>
    /// <param name="left">The left stream.</param>
    /// <param name="right">The right stream.</param>
    /// <param name="leftKey">The key of a left record.</param>
    /// <param name="rightKey">The key of a right record.</param>
    /// <param name="lower">The lower bound of <c>b − a</c> (may be negative).</param>
    /// <param name="upper">The upper bound of <c>b − a</c>; at least <paramref name="lower"/>.</param>
    /// <param name="join">Combines a matching pair: left, its timestamp, right, its timestamp.</param>
    /// <param name="lateLeft">Receives late left records.</param>
    /// <param name="lateRight">Receives late right records.</param>
    /// <param name="lowerBoundExclusive">Excludes <c>b − a = lower</c> (Flink's <c>lowerBoundExclusive()</c>).</param>
    /// <param name="upperBoundExclusive">Excludes <c>b − a = upper</c> (Flink's <c>upperBoundExclusive()</c>).</param>
    /// <param name="counters">Receives the buffered, late and joined counts.</param>
    public static IObservable<StreamElement<TResult>> IntervalJoin<TLeft, TRight, TKey, TResult>(
        this IObservable<StreamElement<TLeft>> left,
        IObservable<StreamElement<TRight>> right,
        Func<TLeft, TKey> leftKey,
        Func<TRight, TKey> rightKey,
        TimeSpan lower,
        TimeSpan upper,
        Func<TLeft, long, TRight, long, TResult> join,
        SideOutput<Record<TLeft>>? lateLeft = null,
        SideOutput<Record<TRight>>? lateRight = null,
        bool lowerBoundExclusive = false,
        bool upperBoundExclusive = false,
        IntervalJoinCounters? counters = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(join);

        // As Flink's IntervalJoinOperator: an exclusive bound is the inclusive one a millisecond inside.
        var from = (lower.Ticks / TimeSpan.TicksPerMillisecond) + (lowerBoundExclusive ? 1 : 0);
        var to = (upper.Ticks / TimeSpan.TicksPerMillisecond) - (upperBoundExclusive ? 1 : 0);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(
                nameof(upper), upper, $"The upper bound must not be below the lower bound ({lower}), after making the exclusive bounds inclusive ({from} ms > {to} ms).");
        }

        var stream = Tagged(left, right, leftKey, rightKey);
        return new IntervalJoin<TKey, TLeft, TRight, TResult>(stream, from, to, join, lateLeft, lateRight, counters);
    }

    private static KeyedStream<TKey, JoinInput<TLeft, TRight>> Tagged<TLeft, TRight, TKey>(
        IObservable<StreamElement<TLeft>> left,
        IObservable<StreamElement<TRight>> right,
        Func<TLeft, TKey> leftKey,
        Func<TRight, TKey> rightKey)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(leftKey);
        ArgumentNullException.ThrowIfNull(rightKey);
        return left.Select(JoinInput<TLeft, TRight>.OfLeft)
            .Union(right.Select(JoinInput<TLeft, TRight>.OfRight))
            .KeyBy(input => input.IsLeft ? leftKey(input.Left) : rightKey(input.Right));
    }

    private static List<TResult> CrossProduct<TLeft, TRight, TResult>(IReadOnlyList<JoinInput<TLeft, TRight>> records, Func<TLeft, TRight, TResult> resultSelector)
    {
        var results = new List<TResult>();
        for (var i = 0; i < records.Count; i++)
        {
            if (!records[i].IsLeft)
            {
                continue;
            }

            for (var j = 0; j < records.Count; j++)
            {
                if (!records[j].IsLeft)
                {
                    results.Add(resultSelector(records[i].Left, records[j].Right));
                }
            }
        }

        return results;
    }
}
