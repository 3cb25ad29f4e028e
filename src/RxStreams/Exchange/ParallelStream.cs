using System;
using System.Collections.Generic;
using System.Reactive.Disposables;
using RxStreams.Exchanges;
using RxStreams.Graph;
using RxStreams.Operators;

namespace RxStreams;

/// <summary>
/// An event-time stream running as <see cref="Parallelism"/> parallel tasks, each on its own thread (data
/// parallelism); successive stages run at the same time (task parallelism). Records reach the tasks through an
/// exchange (forward, broadcast, hash, rebalance, random) over bounded buffers with backpressure. Each task runs the
/// same pipeline segment (<see cref="Apply{TResult}(Func{IObservable{StreamElement{T}}, IObservable{StreamElement{TResult}}})"/>);
/// its input watermark is the minimum over its input channels. <see cref="Merge"/> brings the tasks back to one
/// stream and deploys the pipeline on subscription. Immutable: each method returns a new description.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class ParallelStream<T>
{
    private readonly Func<Deployment, IObservable<StreamElement<T>>[]> _deploy;
    private readonly Func<GraphBuilder, IReadOnlyList<int>> _describe;
    private readonly string _edgeLabel;

    // The hash exchange that partitions these tasks' input by key (through chained segments), if any.
    private readonly HashExchange? _keyedBy;

    internal ParallelStream(
        int parallelism,
        Func<Deployment, IObservable<StreamElement<T>>[]> deploy,
        Func<GraphBuilder, IReadOnlyList<int>> describe,
        string edgeLabel,
        HashExchange? keyedBy = null)
    {
        Parallelism = parallelism;
        _deploy = deploy;
        _describe = describe;
        _edgeLabel = edgeLabel;
        _keyedBy = keyedBy;
    }

    /// <summary>How many parallel tasks run this stage.</summary>
    public int Parallelism { get; }

    /// <summary>Runs <paramref name="task"/> as the pipeline segment of every parallel task (chained: no exchange, same thread).</summary>
    /// <typeparam name="TResult">The segment's record type.</typeparam>
    /// <param name="task">Builds one task's segment from its input, for example <c>s =&gt; s.KeyBy(...).Window(...).Count()</c>.</param>
    public ParallelStream<TResult> Apply<TResult>(Func<IObservable<StreamElement<T>>, IObservable<StreamElement<TResult>>> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Apply((_, input) => task(input));
    }

    /// <summary>As <see cref="Apply{TResult}(Func{IObservable{StreamElement{T}}, IObservable{StreamElement{TResult}}})"/>, with the task's index (0 to parallelism − 1).</summary>
    /// <typeparam name="TResult">The segment's record type.</typeparam>
    /// <param name="task">Builds the segment of task <c>index</c>.</param>
    public ParallelStream<TResult> Apply<TResult>(Func<int, IObservable<StreamElement<T>>, IObservable<StreamElement<TResult>>> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var upstream = this;
        return new ParallelStream<TResult>(
            Parallelism,
            deployment =>
            {
                var inputs = upstream._deploy(deployment);
                var outputs = new IObservable<StreamElement<TResult>>[inputs.Length];
                for (var i = 0; i < inputs.Length; i++)
                {
                    var output = task(i, inputs[i]) ?? throw new InvalidOperationException($"The segment of task {i} returned null.");
                    outputs[i] = new Checkpoints.TaskScope<TResult>(output, new Checkpoints.TaskInfo(i, inputs.Length, KeyPartitioned: upstream._keyedBy is not null));
                    if (upstream._keyedBy is { } keyedBy)
                    {
                        KeyPartitioning.Check(keyedBy, outputs[i], inputs[i], i);
                    }
                }

                return outputs;
            },
            graph =>
            {
                var from = upstream._describe(graph);
                var placeholder = new Placeholder<T>();
                graph.AddBoundary(placeholder, from, upstream._edgeLabel);
                return graph.Walk(task(0, placeholder), upstream.Parallelism);
            },
            "forward",
            upstream._keyedBy);
    }

    /// <summary>Repartitions the tasks' output to <paramref name="parallelism"/> new tasks through <paramref name="exchange"/>.</summary>
    /// <param name="exchange">The routing strategy.</param>
    /// <param name="parallelism">The new stage's parallelism; default the number of cores.</param>
    /// <param name="options">Buffer capacity and overflow policy.</param>
    public ParallelStream<T> Partition(Exchange exchange, int? parallelism = null, ExchangeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var upstream = this;
        return ParallelExtensions.Exchange(
            Parallelism, deployment => upstream._deploy(deployment), subscribeAtStart: false, upstream._describe, exchange, parallelism, options);
    }

    /// <summary>Repartitions by key: all records of a key go to the same new task, keeping their order.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="keySelector">The key; it must not return null.</param>
    /// <param name="parallelism">The new stage's parallelism; default the number of cores.</param>
    /// <param name="options">Buffer capacity and overflow policy.</param>
    /// <param name="hash">A hash stable across runs; default: FNV-1a for strings, the type's hash otherwise.</param>
    /// <param name="comparer">How keys compare, when not by their default equality; keyed operators behind the exchange must use the same one.</param>
    /// <param name="deadLetters">Where records whose key selector throws or returns null go; without it they fail the stream.</param>
    public ParallelStream<T> PartitionByKey<TKey>(
        Func<T, TKey> keySelector, int? parallelism = null, ExchangeOptions? options = null, Func<TKey, int>? hash = null, IEqualityComparer<TKey>? comparer = null,
        DeadLetters? deadLetters = null) =>
        Partition(ParallelExtensions.Hash(keySelector, hash, comparer, deadLetters), parallelism, options);

    /// <summary>
    /// One stream of all tasks' output (watermark: the minimum over tasks). Each subscription deploys the pipeline:
    /// starts the task threads, then subscribes the sources. Results arrive on the tasks' threads, serialized. When the
    /// stream ends, with an error (a task, an exchange or the subscriber threw) or completion, the deployment is torn
    /// down: its source subscriptions are disposed and every task thread ends, as when the subscriber disposes.
    /// </summary>
    /// <param name="metrics">When given, every exchange channel of each deployment reports to it (occupancy, drops, backpressure).</param>
    public IObservable<StreamElement<T>> Merge(StreamMetrics? metrics = null) => new MergedParallelStream(this, metrics, null);

    /// <summary><see cref="Merge(StreamMetrics?)"/>, telling <paramref name="deployed"/> of each deployment (a test hook).</summary>
    internal IObservable<StreamElement<T>> MergeObserved(StreamMetrics? metrics, Action<Deployment> deployed) => new MergedParallelStream(this, metrics, deployed);

    /// <summary>The dataflow graph of this pipeline, up to its sources.</summary>
    public DataflowGraph Graph()
    {
        var graph = new GraphBuilder();
        _describe(graph);
        return graph.Build();
    }

    private sealed class MergedParallelStream(ParallelStream<T> parallel, StreamMetrics? metrics, Action<Deployment>? deployed) : IObservable<StreamElement<T>>, IGraphDescribable
    {
        public IDisposable Subscribe(IObserver<StreamElement<T>> observer)
        {
            ArgumentNullException.ThrowIfNull(observer);
            var deployment = new Deployment();
            deployed?.Invoke(deployment);
            try
            {
                var outputs = parallel._deploy(deployment);
                metrics?.Register(deployment.Metrics.Channels);

                // The merged stream's end is the deployment's: an error (or completion) tears every task and source down.
                var subscription = new Union<T>(outputs).Subscribe(new TearDownOnEnd<T>(observer, deployment));
                var all = new CompositeDisposable(subscription, deployment);
                deployment.Start();
                return all;
            }
            catch
            {
                // A segment or a source's Subscribe threw: the caller gets the exception, and no task thread is left behind.
                deployment.Dispose();
                throw;
            }
        }

        public IReadOnlyList<int> Describe(GraphBuilder graph)
        {
            var from = parallel._describe(graph);
            var merge = graph.AddNode("Merge", 1);
            var label = parallel._edgeLabel == "forward" ? "merge" : parallel._edgeLabel;
            foreach (var id in from)
            {
                graph.AddEdge(id, merge, label);
            }

            return [merge];
        }
    }
}

/// <summary>Passes the merged stream on, and disposes the deployment once the stream has ended.</summary>
internal sealed class TearDownOnEnd<T>(IObserver<StreamElement<T>> observer, Deployment deployment) : IBatchObserver<StreamElement<T>>
{
    private readonly StreamOutput<T> _output = new(observer);

    public void OnNext(StreamElement<T> value) => observer.OnNext(value);

    public void OnNextBatch(ReadOnlySpan<StreamElement<T>> values) => _output.OnNextBatch(values);

    public void OnError(Exception error)
    {
        try
        {
            observer.OnError(error);
        }
        finally
        {
            deployment.Dispose();
        }
    }

    public void OnCompleted()
    {
        try
        {
            observer.OnCompleted();
        }
        finally
        {
            deployment.Dispose();
        }
    }
}

/// <summary>Stands for a task's input while the graph of its segment is walked.</summary>
internal sealed class Placeholder<T> : IObservable<StreamElement<T>>
{
    public IDisposable Subscribe(IObserver<StreamElement<T>> observer) =>
        throw new InvalidOperationException("A graph placeholder is never subscribed.");
}
