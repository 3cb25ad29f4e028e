using System;
using System.Collections.Generic;
using RxStreams.Exchanges;

namespace RxStreams;

/// <summary>Creates parallel streams from already partitioned sources.</summary>
public static class ParallelStream
{
    /// <summary>
    /// A parallel stream whose task <c>i</c> reads <paramref name="partitions"/>[i] on a thread of its own (Flink's
    /// source parallelism: one source split per task). Segments applied with <c>Apply</c> run on that thread with no
    /// exchange, so input that is already partitioned by key (one partition per key range, as Kafka topics often are)
    /// scales without moving records between cores.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="partitions">One event-time stream per task.</param>
    public static ParallelStream<T> FromPartitions<T>(params IObservable<StreamElement<T>>[] partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (partitions.Length == 0)
        {
            throw new ArgumentException("At least one partition is needed.", nameof(partitions));
        }

        var sources = (IObservable<StreamElement<T>>[])partitions.Clone();
        for (var i = 0; i < sources.Length; i++)
        {
            if (sources[i] is null)
            {
                throw new ArgumentNullException(nameof(partitions), $"Partition {i} is null.");
            }
        }

        return new ParallelStream<T>(
            sources.Length,
            deployment =>
            {
                var outputs = new IObservable<StreamElement<T>>[sources.Length];
                for (var i = 0; i < sources.Length; i++)
                {
                    var task = new SourceTask<T>(new Checkpoints.TaskScope<T>(sources[i], new Checkpoints.TaskInfo(i, sources.Length, KeyPartitioned: false)), $"source task {i}");
                    deployment.AddSourceTask(task);
                    outputs[i] = task.Output;
                }

                return outputs;
            },
            graph => graph.Walk(sources[0], sources.Length),
            "forward");
    }
}
