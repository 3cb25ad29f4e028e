using System;
using System.Collections.Generic;
using RxStreams.Exchanges;
using RxStreams.Graph;

namespace RxStreams;

/// <summary>Running a stream as parallel tasks, and describing pipelines as dataflow graphs.</summary>
public static class ParallelExtensions
{
    /// <summary>
    /// Distributes the stream over <paramref name="parallelism"/> parallel tasks through <paramref name="exchange"/>
    /// (forward needs parallelism 1 here). Each task has a bounded input buffer; by default the producer waits when it
    /// is full (backpressure), so nothing is lost.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="exchange">The routing strategy.</param>
    /// <param name="parallelism">How many tasks; default the number of cores.</param>
    /// <param name="options">Buffer capacity and overflow policy.</param>
    public static ParallelStream<T> Partition<T>(this IObservable<StreamElement<T>> source, Exchange exchange, int? parallelism = null, ExchangeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(exchange);
        return Exchange<T>(1, _ => [source], subscribeAtStart: true, graph => graph.Walk(source, 1), exchange, parallelism, options);
    }

    /// <summary>
    /// Distributes the stream over parallel tasks by key (Flink's <c>keyBy</c> exchange): all records of a key go to the
    /// same task, in their order. The key's hash picks one of 128 key groups; key groups map to tasks in ranges, the
    /// same on every run.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="keySelector">The key; it must not return null.</param>
    /// <param name="parallelism">How many tasks; default the number of cores.</param>
    /// <param name="options">Buffer capacity and overflow policy.</param>
    /// <param name="hash">A hash stable across runs; default: FNV-1a for strings, the type's own hash otherwise (stable for numbers, enums, Guids).</param>
    /// <param name="comparer">
    /// How keys compare, when not by their default equality: keys it calls equal go to the same task (its hash routes
    /// them unless <paramref name="hash"/> is given). Keyed operators behind the exchange must use the same comparer.
    /// </param>
    /// <param name="deadLetters">
    /// Where records whose key selector throws or returns null go (named <c>PartitionByKey</c>); without it they fail
    /// the stream with a <see cref="StreamOperatorException"/> (a <see cref="NullKeyException"/> for a null key).
    /// </param>
    public static ParallelStream<T> PartitionByKey<T, TKey>(
        this IObservable<StreamElement<T>> source,
        Func<T, TKey> keySelector,
        int? parallelism = null,
        ExchangeOptions? options = null,
        Func<TKey, int>? hash = null,
        IEqualityComparer<TKey>? comparer = null,
        DeadLetters? deadLetters = null) =>
        source.Partition(Hash(keySelector, hash, comparer, deadLetters), parallelism, options);

    /// <summary>The dataflow graph of a (single-task) pipeline: its RxStreams operators back to the sources.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The pipeline's output.</param>
    public static DataflowGraph DescribeGraph<T>(this IObservable<StreamElement<T>> stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var graph = new GraphBuilder();
        graph.Walk(stream, 1);
        return graph.Build();
    }

    internal static Exchange Hash<T, TKey>(Func<T, TKey> keySelector, Func<TKey, int>? hash, IEqualityComparer<TKey>? comparer, DeadLetters? deadLetters)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        if (comparer is null || ReferenceEquals(comparer, EqualityComparer<TKey>.Default))
        {
            return new HashExchange<T, TKey>(keySelector, hash ?? StableHash.For<TKey>(), null, deadLetters);
        }

        return new HashExchange<T, TKey>(keySelector, hash ?? (key => comparer.GetHashCode(key!)), comparer, deadLetters);
    }

    internal static ParallelStream<T> Exchange<T>(
        int producers,
        Func<Deployment, IObservable<StreamElement<T>>[]> deployUpstream,
        bool subscribeAtStart,
        Func<GraphBuilder, IReadOnlyList<int>> describeUpstream,
        Exchange exchange,
        int? parallelism,
        ExchangeOptions? options)
    {
        var consumers = parallelism ?? Environment.ProcessorCount;
        if (consumers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "The parallelism must be at least 1.");
        }

        exchange.Validate(producers, consumers);
        options ??= ExchangeOptions.Default;
        options.Validate();
        return new ParallelStream<T>(
            consumers,
            deployment =>
            {
                var inputs = deployUpstream(deployment);
                var tasks = new ConsumerTask<T>[consumers];
                var job = Checkpoints.JobRuntime.Current;
                if (job is { Unaligned: true } && options.Overflow == OverflowPolicy.DropOldest)
                {
                    throw new NotSupportedException(
                        $"The {exchange.Name} exchange drops its oldest records when full, which unaligned checkpoints cannot copy while in flight: use another overflow policy, or aligned checkpoints.");
                }

                for (var j = 0; j < consumers; j++)
                {
                    var unaligned = job is { Unaligned: true }
                        ? new ConsumerCheckpoints<T>(job, exchange.Name, inputs.Length, new Checkpoints.TaskInfo(j, consumers, exchange is HashExchange))
                        : null;
                    tasks[j] = new ConsumerTask<T>($"{exchange.Name} task {j}", inputs.Length, options, unaligned);
                    deployment.AddTask(tasks[j]);
                    for (var i = 0; i < inputs.Length; i++)
                    {
                        deployment.Metrics.Add(tasks[j].Channel(i));
                    }
                }

                for (var i = 0; i < inputs.Length; i++)
                {
                    var targets = new ExchangeChannel<T>[consumers];
                    for (var j = 0; j < consumers; j++)
                    {
                        targets[j] = tasks[j].Channel(i);
                    }

                    var producer = new ExchangeProducer<T>(exchange.CreateRouter<T>(i, consumers), targets, exchange.OperatorName, exchange.DeadLetters);
                    var input = inputs[i];

                    // A source starts pushing when subscribed, so it waits until every task listens; the output of an
                    // upstream task only flows once that task starts, so it is wired now.
                    if (subscribeAtStart)
                    {
                        deployment.OnStart(() => deployment.AddSubscription(input.Subscribe(producer)));
                    }
                    else
                    {
                        deployment.AddSubscription(input.Subscribe(producer));
                    }
                }

                var outputs = new IObservable<StreamElement<T>>[consumers];
                for (var j = 0; j < consumers; j++)
                {
                    outputs[j] = tasks[j].Input;
                }

                return outputs;
            },
            describeUpstream,
            exchange.Name,
            exchange as HashExchange);
    }
}
