using System;

namespace RxStreams.Sinks;

/// <summary>
/// Where a pipeline's records leave it (Flink's <c>Sink</c>): a description that <c>stream.SinkTo(sink)</c> turns into
/// one <see cref="SinkWriter{T}"/> per subscription and parallel subtask, so one sink instance serves every task and
/// every attempt of a job. Derive the writer from <see cref="SinkWriter{T}"/> for a plain or idempotent sink, or from
/// <see cref="TwoPhaseCommitSinkWriter{T, TTransaction}"/> for a transactional one.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class Sink<T>
{
    /// <summary>Creates the sink.</summary>
    /// <param name="name">The sink's name, in errors and as the start of its derived uid.</param>
    /// <param name="options">Batching; null for <see cref="SinkOptions.Default"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A batching option is out of range.</exception>
    protected Sink(string name, SinkOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Options = options ?? SinkOptions.Default;
        Options.Validate(name, nameof(options));
    }

    /// <summary>The sink's name.</summary>
    public string Name { get; }

    /// <summary>How records are batched.</summary>
    public SinkOptions Options { get; }

    /// <summary>
    /// What the sink promises about its effects when a checkpointed job restarts after a failure. A job that asks for
    /// end-to-end exactly-once can refuse a sink that does not state <see cref="SinkGuarantee.ExactlyOnce"/>.
    /// </summary>
    public abstract SinkGuarantee Guarantee { get; }

    /// <summary>
    /// Creates the writer of one subscription (one attempt of a job, one parallel subtask). It may open connections
    /// and check the target here; an exception fails the subscription as a <see cref="SinkException"/>.
    /// </summary>
    /// <param name="context">The writer's uid, subtask and whether a job drives it.</param>
    /// <returns>A new writer, used from one thread at a time and disposed when the subscription ends.</returns>
    protected internal abstract SinkWriter<T> CreateWriter(SinkContext context);

    /// <summary>The sink's name and guarantee.</summary>
    public override string ToString() => $"{Name} ({Guarantee})";
}
