using System;
using RxStreams.Exchanges;

namespace RxStreams;

/// <summary>Key-based exchange: every record of a key goes to the same consumer task (Flink's <c>keyBy</c> partitioning).</summary>
internal sealed class HashExchange<TRecord, TKey>(Func<TRecord, TKey> keySelector, Func<TKey, int> hash) : Exchange
{
    public override string Name => "hash";

    internal override IRouter<T> CreateRouter<T>(int producer, int consumers) =>
        (IRouter<T>)(object)new HashRouter<TRecord, TKey>(keySelector, hash, consumers);
}
