using System;
using RxStreams.Sinks;
using StackExchange.Redis;

namespace RxStreams.Redis;

/// <summary>
/// Appends records to a Redis stream (XADD), exactly once in a checkpointed job with replayable sources
/// (<see cref="SinkGuarantee.ExactlyOnce"/>): the records of a checkpoint are staged in a stream of their own,
/// <c>{stream}:rxstreams:{transaction}</c> (one pipelined round trip per batch), and when the checkpoint completes one
/// Lua script appends them to the target in order and deletes the staging stream, atomically, so a repeated commit
/// (after a restore) appends nothing. At start the staging streams a crashed attempt left (found by SCAN under the
/// sink's uid) are deleted. The target's entry ids are Redis's own (<c>*</c>). This holds as far as Redis keeps what it
/// acknowledged: with persistence off or <c>appendfsync</c> other than <c>always</c>, a Redis crash can lose entries.
/// The stream key's <c>{braces}</c> make the staging streams share its hash slot in a cluster. A Redis that cannot be
/// reached fails with a <see cref="SinkUnavailableException"/>; outside a job each batch is appended as it is written.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class RedisStreamSink<T> : Sink<T>
{
    private readonly IConnectionMultiplexer _redis;
    private readonly Func<T, NameValueEntry[]> _fields;
    private readonly int _database;

    /// <summary>Creates the sink.</summary>
    /// <param name="redis">The connection; the caller keeps and disposes it.</param>
    /// <param name="stream">The target stream's key; must not contain braces.</param>
    /// <param name="fields">A record's entry fields (at least one).</param>
    /// <param name="name">The sink's name, and the start of its uid unless <c>.Uid(...)</c> names it.</param>
    /// <param name="options">Batching; <see cref="SinkOptions.Default"/> when null.</param>
    /// <param name="database">The Redis database number; -1 for the connection's default.</param>
    public RedisStreamSink(IConnectionMultiplexer redis, string stream, Func<T, NameValueEntry[]> fields, string name = "redis", SinkOptions? options = null, int database = -1)
        : base(name, options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfLessThan(database, -1);
        if (stream.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException($"Stream key '{stream}' contains a brace: the sink wraps it in braces to keep its staging streams in its hash slot.", nameof(stream));
        }

        _redis = redis;
        Stream = stream;
        _fields = fields;
        _database = database;
    }

    /// <summary>The target stream's key.</summary>
    public string Stream { get; }

    /// <summary>Exactly-once (see the class remarks for what Redis must keep).</summary>
    public override SinkGuarantee Guarantee => SinkGuarantee.ExactlyOnce;

    /// <summary>Tests inject crashes here: <c>commit</c> and <c>committed</c> around a commit, <c>recover</c> during a restore.</summary>
    internal Action<string>? Faults { get; set; }

    /// <inheritdoc />
    protected internal override SinkWriter<T> CreateWriter(SinkContext context) =>
        new RedisStreamSinkWriter<T>(context, _redis, _redis.GetDatabase(_database), Stream, _fields) { Faults = Faults };
}
