using System;
using RxStreams.State;

namespace RxStreams;

/// <summary>
/// Reads a <see cref="ReplayableSource{T}"/> from a position (Flink's <c>SourceReader</c> with its split state): the
/// position is written at each checkpoint barrier and sought after a restore, so records after it are read again.
/// One reader serves one subscription, on one thread.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class SourceReader<T> : IDisposable
{
    /// <summary>True once a bounded input has no more records; the source then completes.</summary>
    public abstract bool IsFinished { get; }

    /// <summary>The next record, if one is available now.</summary>
    /// <param name="value">The record.</param>
    /// <returns>False when nothing is available now (the input ended, or a growing input has nothing new yet).</returns>
    public abstract bool TryRead(out T value);

    /// <summary>
    /// False for a reader that cannot go back (an in-process channel or async sequence without a position): the job
    /// then lists its source in <c>CheckpointStatistics.UnreplayableSources</c>, as for <c>ReplayableSource.Unreplayable</c>.
    /// </summary>
    internal virtual bool IsReplayable => true;

    /// <summary>
    /// True for a reader that restores from the positions all the tasks of a checkpoint wrote together
    /// (<see cref="SeekAll"/> instead of <see cref="Seek"/>), so it can be restored at another parallelism: a file
    /// source whose files are divided among the tasks anew.
    /// </summary>
    internal virtual bool RestoresFromAllTasks => false;

    /// <summary>Moves to this task's part of the positions that every task of a checkpoint wrote (see <see cref="RestoresFromAllTasks"/>).</summary>
    /// <param name="states">The positions of all the tasks, one per task of the checkpointed job.</param>
    internal virtual void SeekAll(System.Collections.Generic.IReadOnlyList<Checkpoints.SubtaskState> states) =>
        throw new NotSupportedException("This reader restores from its own task's position only.");

    /// <summary>Writes the position of the next record to read.</summary>
    /// <param name="writer">Where the checkpoint keeps it.</param>
    public abstract void WritePosition(StateWriter writer);

    /// <summary>Moves to a position that <see cref="WritePosition"/> wrote.</summary>
    /// <param name="reader">The position's bytes.</param>
    public abstract void Seek(ref StateReader reader);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the reader's resources.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
