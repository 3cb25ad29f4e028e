using System;
using RxStreams.Checkpoints;

namespace RxStreams;

/// <summary>
/// A checkpointed, restartable run of a pipeline (Flink's job): the pipeline is built by a function, so a restart
/// builds it again and subscribes it with the state of the last completed checkpoint, its sources back at their
/// recorded positions and its timers registered again. Subscribe to run it.
/// </summary>
/// <typeparam name="T">The pipeline's output type.</typeparam>
public sealed class StreamJob<T> : IObservable<StreamElement<T>>
{
    internal StreamJob(Func<IObservable<StreamElement<T>>> pipeline, CheckpointOptions options)
    {
        Pipeline = pipeline;
        Options = options;
    }

    /// <summary>How checkpoints are taken and failures recovered.</summary>
    public CheckpointOptions Options { get; }

    /// <summary>The figures of the current (or last) run.</summary>
    public CheckpointStatistics Checkpoints { get; private set; } = new();

    internal Func<IObservable<StreamElement<T>>> Pipeline { get; }

    private JobRun<T>? _run;

    /// <summary>The current (or last) run, for tests.</summary>
    internal JobRun<T>? Run => _run;

    /// <summary>
    /// Runs the job: the observer gets the pipeline's records and watermarks (checkpoint barriers stay inside). After a
    /// restart, records emitted since the last completed checkpoint come again (at-least-once for a plain observer;
    /// the transactional sinks give exactly-once). The observer's <c>OnError</c> comes only when the restart strategy
    /// gives up, or at once for errors a restart cannot mend (a checkpoint that does not match the job).
    /// </summary>
    /// <param name="observer">Receives the output.</param>
    /// <returns>Disposing it stops the job.</returns>
    public IDisposable Subscribe(IObserver<StreamElement<T>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Checkpoints = new CheckpointStatistics();
        var run = new JobRun<T>(this, observer);
        _run = run;
        run.Start();
        return run;
    }

    /// <summary>
    /// Takes a savepoint (a checkpoint kept until deleted, which no retention removes) and stops the job once it is
    /// durable; the observer then gets <c>OnCompleted</c>. Start a job from it with
    /// <see cref="CheckpointOptions.RestoreFrom"/> (<c>DirectoryCheckpointStorage.LoadFrom(path)</c> reads one back).
    /// </summary>
    /// <param name="target">Where to keep the savepoint; the job's storage when null.</param>
    /// <returns>The savepoint, once stored.</returns>
    public System.Threading.Tasks.Task<CheckpointSnapshot> StopWithSavepointAsync(ICheckpointStorage? target = null) =>
        (_run ?? throw new InvalidOperationException("The job has not been subscribed.")).StopWithSavepoint(target);
}

/// <summary>Creates checkpointed jobs.</summary>
public static class StreamJob
{
    /// <summary>
    /// A job that runs <paramref name="pipeline"/> with checkpoints. The function is called for every attempt; build the
    /// whole pipeline in it, from <see cref="ReplayableSource{T}"/>s and RxStreams operators (a plain Rx operator or
    /// observable holds state and positions a checkpoint cannot see, and fails the job at start).
    /// </summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <param name="pipeline">Builds the pipeline.</param>
    /// <param name="options">Checkpoints, storage, restarts; the defaults when null.</param>
    public static StreamJob<T> Create<T>(Func<IObservable<StreamElement<T>>> pipeline, CheckpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        options ??= new CheckpointOptions();
        options.Validate();
        return new StreamJob<T>(pipeline, options);
    }
}
