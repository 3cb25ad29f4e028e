using System;
using RxStreams.Exchanges;

namespace RxStreams;

/// <summary>Key-based exchange: every record of a key goes to the same consumer task (Flink's <c>keyBy</c> partitioning).</summary>
internal abstract class HashExchange : Exchange
{
    public override string Name => "hash";

    internal override string OperatorName => "PartitionByKey";

    /// <summary>The comparer keys are partitioned by (its hash routes them), or null for the key type's default equality.</summary>
    public abstract object? Comparer { get; }
}

/// <inheritdoc />
internal sealed class HashExchange<TRecord, TKey>(Func<TRecord, TKey> keySelector, Func<TKey, int> hash, object? comparer, DeadLetters? deadLetters) : HashExchange
{
    public override object? Comparer => comparer;

    internal override DeadLetters? DeadLetters => deadLetters;

    internal override IRouter<T> CreateRouter<T>(int producer, int consumers) =>
        (IRouter<T>)(object)new HashRouter<TRecord, TKey>(keySelector, hash, consumers);
}
