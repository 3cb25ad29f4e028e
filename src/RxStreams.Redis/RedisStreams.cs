using System;
using System.Collections.Generic;
using StackExchange.Redis;

namespace RxStreams.Redis;

/// <summary>
/// Redis Streams as replayable sources: the position is the id of the last entry read, recorded at each checkpoint and
/// sought after a restore, so a job restarted from a checkpoint reads every entry after it again (exactly-once state).
/// Call these inside the pipeline function of a <see cref="StreamJob{T}"/>, which builds the sources anew for every attempt.
/// </summary>
public static class RedisStreams
{
    /// <summary>
    /// Reads the stream <paramref name="stream"/>, entries in id order, in batches of
    /// <see cref="RedisStreamOptions.BatchSize"/>; each entry becomes a record through <paramref name="map"/>. A failed
    /// mapping fails the source with a <see cref="RedisStreamException"/> naming the stream and the entry id, or goes to
    /// <see cref="RedisStreamOptions.DeadLetters"/>; a failed read (Redis down, a key that is not a stream) fails it with
    /// one naming the stream and the last id read, and the job's restart strategy applies.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="redis">The connection; the caller keeps and disposes it, and may share it between sources and attempts.</param>
    /// <param name="stream">The stream's key.</param>
    /// <param name="map">Turns an entry into a record.</param>
    /// <param name="options">How it is read; the defaults (from the first entry, to the entry last when the job started) when null.</param>
    /// <param name="name">The source's name and uid in checkpoints; the stream's key when null.</param>
    public static ReplayableSource<T> Read<T>(
        IConnectionMultiplexer redis, string stream, Func<RedisStreamEntry, T> map, RedisStreamOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(map);
        options ??= new RedisStreamOptions();
        options.Validate();
        return new RedisStreamSource<T>(redis, stream, map, options, name ?? stream);
    }

    /// <summary>
    /// Reads several streams as the parallel partitions of one source (Flink's splits): partition <c>i</c> reads
    /// <c>streams[i]</c> as <see cref="Read{T}"/> does, enters event time with <paramref name="timestampOf"/> and
    /// <paramref name="watermarkStrategy"/>, and runs as parallel task <c>i</c> (on a thread of its own on the job's own
    /// scheduler). Its position is checkpointed per task and names its stream: a restore with the streams in another
    /// order fails with a <see cref="Checkpoints.CheckpointRestoreException"/> rather than reading a stream from another's position.
    /// Records of one key must stay in one stream to keep their order; behind it, a keyed operator needs
    /// <c>PartitionByKey</c>. With <see cref="RedisStreamOptions.Follow"/>, give the strategy <c>WithIdleness</c> so a
    /// stream without new entries does not hold the watermark back.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="redis">The connection, shared by the partitions.</param>
    /// <param name="streams">The streams' keys, one per partition; at least one, none repeated.</param>
    /// <param name="map">Turns an entry into a record; called on the partitions' threads at once, so it must be thread-safe.</param>
    /// <param name="timestampOf">A record's event time in milliseconds.</param>
    /// <param name="watermarkStrategy">Each partition's watermarks; the stream's watermark is the lowest partition's.</param>
    /// <param name="options">How each stream is read.</param>
    /// <param name="name">The source's name and uid in checkpoints. Default <c>redis</c>.</param>
    public static ParallelStream<T> ReadPartitions<T>(
        IConnectionMultiplexer redis,
        IReadOnlyList<string> streams,
        Func<RedisStreamEntry, T> map,
        Func<T, long> timestampOf,
        WatermarkStrategy watermarkStrategy,
        RedisStreamOptions? options = null,
        string name = "redis")
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(timestampOf);
        ArgumentNullException.ThrowIfNull(watermarkStrategy);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (streams.Count == 0)
        {
            throw new ArgumentException("At least one stream is needed.", nameof(streams));
        }

        options ??= new RedisStreamOptions();
        options.Validate();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var partitions = new IObservable<StreamElement<T>>[streams.Count];
        for (var i = 0; i < partitions.Length; i++)
        {
            var stream = streams[i];
            if (string.IsNullOrEmpty(stream))
            {
                throw new ArgumentException($"Stream {i} has no key.", nameof(streams));
            }

            if (!seen.Add(stream))
            {
                throw new ArgumentException($"Stream '{stream}' is given twice: each partition must read a stream of its own.", nameof(streams));
            }

            partitions[i] = new RedisStreamSource<T>(redis, stream, map, options, name).WithEventTime(timestampOf, watermarkStrategy);
        }

        return ParallelStream.FromPartitions(partitions);
    }
}
