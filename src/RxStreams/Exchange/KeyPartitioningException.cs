using System;

namespace RxStreams;

/// <summary>
/// A keyed operator behind <c>PartitionByKey</c> compares keys with a comparer the exchange does not partition by, so
/// keys it calls equal could reach different tasks. Pass the same comparer to <c>PartitionByKey</c>.
/// </summary>
public sealed class KeyPartitioningException : InvalidOperationException
{
    internal KeyPartitioningException(string operatorName, object operatorComparer, object? exchangeComparer, int task)
        : base($"{operatorName} in the segment of task {task} compares keys with {Describe(operatorComparer)}, but the PartitionByKey " +
            $"exchange before it partitions them with {Describe(exchangeComparer)}: keys the operator calls equal could reach different " +
            "tasks. Pass the same comparer to PartitionByKey(..., comparer: ...).")
    {
        Operator = operatorName;
        Task = task;
    }

    /// <summary>The keyed operator, for example <c>Count</c> or <c>WindowSum</c>.</summary>
    public string Operator { get; }

    /// <summary>The parallel task whose segment holds the operator.</summary>
    public int Task { get; }

    private static string Describe(object? comparer) =>
        comparer is null ? "the key type's default equality" : comparer.GetType().Name;
}
