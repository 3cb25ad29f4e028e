using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using RxStreams.Checkpoints;
using RxStreams.Ingestion;

namespace RxStreams;

/// <summary>
/// A source that can be read again from a recorded position, so a job restarted from a checkpoint sees every record
/// after it again (the basis of exactly-once state). Feed it to <c>WithEventTime</c>: inside a
/// <see cref="StreamJob{T}"/> it is read in steps on the job's scheduler and checkpoint barriers start between steps;
/// outside one it is read to its end on <c>Subscribe</c>, like an array.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class ReplayableSource<T> : IObservable<T>, IOperatorIdentity
{
    /// <summary>Creates the source.</summary>
    /// <param name="name">Its name in errors and the graph; also its default uid in checkpoints.</param>
    /// <param name="options">How it is read; the defaults when null.</param>
    protected ReplayableSource(string name, SourceOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Options = options ?? new SourceOptions();
        Options.Validate();
    }

    /// <summary>The source's name.</summary>
    public string Name { get; }

    /// <summary>How it is read.</summary>
    public SourceOptions Options { get; }

    /// <summary>The stable id of its position in checkpoints; null uses <see cref="Name"/>.</summary>
    public string? Uid { get; set; }

    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var run = new SourceRun<T>(this, observer, OpenReader(), JobRuntime.Current);
        run.Start();
        return run;
    }

    /// <summary>Opens a reader at the start of the input; a restore then seeks it.</summary>
    protected internal abstract SourceReader<T> OpenReader();
}

/// <summary>Built-in replayable sources.</summary>
public static class ReplayableSource
{
    /// <summary>
    /// Lets a plain observable (a <c>Subject</c>, an event source) feed a checkpointed job although it cannot be
    /// replayed: checkpoints still complete, but a restart subscribes to it again and its records between the last
    /// checkpoint and the failure are lost, so they are processed at most once. The job lists such sources in
    /// <see cref="CheckpointStatistics.UnreplayableSources"/>. Outside a job it is the observable itself.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The observable; it may call from any thread.</param>
    /// <param name="name">The source's name and uid.</param>
    public static IObservable<T> Unreplayable<T>(IObservable<T> source, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new UnreplayableSource<T>(source, name);
    }

    /// <summary>An in-memory log: the position is the index of the next record.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="records">The records, in order; read, not copied.</param>
    /// <param name="name">The source's name and default uid.</param>
    /// <param name="options">How it is read.</param>
    public static ReplayableSource<T> FromList<T>(IReadOnlyList<T> records, string name = "log", SourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new ListSource<T>(records, name, options);
    }
}
