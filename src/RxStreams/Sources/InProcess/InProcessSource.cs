using System;
using System.Collections.Generic;
using System.Threading.Channels;
using RxStreams.Ingestion;
using RxStreams.State;

namespace RxStreams;

/// <summary>
/// Sources from inside the process: an <see cref="IAsyncEnumerable{T}"/> or a <see cref="ChannelReader{T}"/>, read in
/// steps on the job's scheduler (no thread of their own; an empty channel or a pending <c>MoveNextAsync</c> is polled
/// again every <see cref="SourceOptions.PollInterval"/>). Without a position they are not replayable: a job lists them in
/// <see cref="CheckpointStatistics.UnreplayableSources"/>, and after a restart their records between the last checkpoint
/// and the failure are lost (at-most-once for them), as with <see cref="ReplayableSource.Unreplayable{T}"/>. Given a
/// position function and a way to open the input at a position, they are replayable like a file or a log.
/// </summary>
public static class InProcessSource
{
    /// <summary>
    /// An async sequence, not replayable. Each subscription (each attempt of a job) calls <c>GetAsyncEnumerator</c>
    /// again: a live feed goes on where it is (what the failed attempt took after its checkpoint is lost), but a cold
    /// sequence starts over, so its records up to the checkpoint reach the restored state again: give such a sequence a
    /// position (the other overload).
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The sequence.</param>
    /// <param name="name">The source's name and uid.</param>
    /// <param name="options">How it is read in a job; the defaults when null.</param>
    public static IObservable<T> FromAsyncEnumerable<T>(IAsyncEnumerable<T> source, string name = "async", SourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new InProcessReaderSource<T>(() => new AsyncEnumerableReader<T>(source.GetAsyncEnumerator, null), name, options);
    }

    /// <summary>
    /// An async sequence made replayable by a position: <paramref name="openAt"/> opens it at a position (the records
    /// from there on) and <paramref name="positionAfter"/> gives the position after a record (an index + 1, an offset +
    /// 1, an id). A checkpoint keeps the position after the last record read; a restored job opens the sequence there.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TPosition">The position type; it needs a state serializer (built in for numbers, strings and tuples, or registered).</typeparam>
    /// <param name="openAt">Opens the sequence at a position.</param>
    /// <param name="positionAfter">The position of the record after <c>record</c>.</param>
    /// <param name="start">The position a fresh job starts at.</param>
    /// <param name="name">The source's name and default uid.</param>
    /// <param name="options">How it is read in a job; the defaults when null.</param>
    public static ReplayableSource<T> FromAsyncEnumerable<T, TPosition>(
        Func<TPosition, IAsyncEnumerable<T>> openAt, Func<T, TPosition> positionAfter, TPosition start, string name = "async", SourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(openAt);
        ArgumentNullException.ThrowIfNull(positionAfter);
        ArgumentNullException.ThrowIfNull(start);
        var serializer = StateSerializers.Get<TPosition>();
        return new InProcessReaderSource<T>(
            () =>
            {
                var position = new PositionKeeper<T, TPosition>(positionAfter, start, serializer);
                return new AsyncEnumerableReader<T>(token => openAt(position.Current).GetAsyncEnumerator(token), position);
            },
            name,
            options);
    }

    /// <summary>
    /// A channel, not replayable: every attempt of a job reads on from the same channel, so records a failed attempt
    /// took after its last checkpoint are lost. The source ends when the channel is completed and empty, with the
    /// channel's error if it was completed with one.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="reader">The channel's reading side.</param>
    /// <param name="name">The source's name and uid.</param>
    /// <param name="options">How it is read in a job; the defaults when null.</param>
    public static IObservable<T> FromChannel<T>(ChannelReader<T> reader, string name = "channel", SourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new InProcessReaderSource<T>(() => new ChannelSourceReader<T>(() => reader, null), name, options);
    }

    /// <summary>
    /// Channels made replayable by a position: <paramref name="openAt"/> gives a channel that delivers the records from
    /// a position on, and <paramref name="positionAfter"/> the position after a record. A restored job opens one at the
    /// checkpoint's position.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TPosition">The position type; it needs a state serializer (built in for numbers, strings and tuples, or registered).</typeparam>
    /// <param name="openAt">Opens a channel at a position.</param>
    /// <param name="positionAfter">The position of the record after <c>record</c>.</param>
    /// <param name="start">The position a fresh job starts at.</param>
    /// <param name="name">The source's name and default uid.</param>
    /// <param name="options">How it is read in a job; the defaults when null.</param>
    public static ReplayableSource<T> FromChannel<T, TPosition>(
        Func<TPosition, ChannelReader<T>> openAt, Func<T, TPosition> positionAfter, TPosition start, string name = "channel", SourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(openAt);
        ArgumentNullException.ThrowIfNull(positionAfter);
        ArgumentNullException.ThrowIfNull(start);
        var serializer = StateSerializers.Get<TPosition>();
        return new InProcessReaderSource<T>(
            () =>
            {
                var position = new PositionKeeper<T, TPosition>(positionAfter, start, serializer);
                return new ChannelSourceReader<T>(() => openAt(position.Current), position);
            },
            name,
            options);
    }
}
