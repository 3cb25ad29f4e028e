using System;

using RxStreams.Exchanges;

namespace RxStreams;

/// <summary>
/// How records travel from producer tasks to consumer tasks (Flink's partitioners). Watermarks and other control
/// elements always go to every consumer. Key-based (hash) exchange is <c>PartitionByKey</c>.
/// </summary>
public abstract class Exchange
{
    private protected Exchange()
    {
    }

    /// <summary>Producer task i sends to consumer task i: no repartitioning. Needs equal parallelism on both sides.</summary>
    public static Exchange Forward { get; } = new ForwardExchange();

    /// <summary>Every record to every consumer task.</summary>
    public static Exchange Broadcast { get; } = new BroadcastExchange();

    /// <summary>Round-robin over the consumer tasks: an even spread (Flink's <c>rebalance</c>).</summary>
    public static Exchange Rebalance { get; } = new RebalanceExchange();

    /// <summary>A uniformly random consumer task per record (Flink's <c>shuffle</c>), reproducible from <paramref name="seed"/>.</summary>
    /// <param name="seed">Seeds each producer's random sequence (with its index added).</param>
    public static Exchange Random(int seed = 0) => new RandomExchange(seed);

    /// <summary>The strategy's name in graphs and metrics: forward, broadcast, rebalance, random, hash.</summary>
    public abstract string Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>The operator the user wrote, named in errors and dead letters of routing (a key selector's failure).</summary>
    internal virtual string OperatorName => "Partition";

    /// <summary>Where records that cannot be routed go instead of failing the stream; null when none was given.</summary>
    internal virtual DeadLetters? DeadLetters => null;

    /// <summary>Throws when the strategy cannot connect these parallelisms.</summary>
    internal virtual void Validate(int producers, int consumers)
    {
    }

    /// <summary>The routing state of one producer task.</summary>
    internal abstract IRouter<T> CreateRouter<T>(int producer, int consumers);

    private sealed class ForwardExchange : Exchange
    {
        public override string Name => "forward";

        internal override void Validate(int producers, int consumers)
        {
            if (producers != consumers)
            {
                throw new ArgumentException($"A forward exchange connects equal parallelism, not {producers} to {consumers}.");
            }
        }

        internal override IRouter<T> CreateRouter<T>(int producer, int consumers) => new FixedRouter<T>(producer);
    }

    private sealed class BroadcastExchange : Exchange
    {
        public override string Name => "broadcast";

        internal override IRouter<T> CreateRouter<T>(int producer, int consumers) => new FixedRouter<T>(IRouter<T>.All);
    }

    private sealed class RebalanceExchange : Exchange
    {
        public override string Name => "rebalance";

        internal override IRouter<T> CreateRouter<T>(int producer, int consumers) => new RoundRobinRouter<T>(producer % consumers, consumers);
    }

    private sealed class RandomExchange(int seed) : Exchange
    {
        public override string Name => "random";

        internal override IRouter<T> CreateRouter<T>(int producer, int consumers) => new RandomRouter<T>(seed + producer, consumers);
    }
}
