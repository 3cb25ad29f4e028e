using System;
using RxStreams.Sinks;
using StackExchange.Redis;

namespace RxStreams.Redis;

/// <summary>
/// Writes each record as the value of a Redis key (<c>SET key value</c>, pipelined: one round trip per batch): an upsert,
/// so a record written again after a restore overwrites what it wrote before instead of adding to it. With a
/// deterministic pipeline (the same records for the same keys after a replay) the keys end as in a run without failure
/// (<see cref="SinkGuarantee.ExactlyOnce"/> for the final values); between a crash and the replay a reader may see a key
/// ahead of the restored checkpoint, and a later value for a key is overwritten by the replayed earlier ones until the
/// replay catches up. Writes are made durable at each barrier by waiting for Redis's acknowledgements. A Redis that
/// cannot be reached fails with a <see cref="SinkUnavailableException"/>.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class RedisKeySink<T> : Sink<T>
{
    private readonly IConnectionMultiplexer _redis;
    private readonly Func<T, RedisKey> _key;
    private readonly Func<T, RedisValue> _value;
    private readonly int _database;

    /// <summary>Creates the sink.</summary>
    /// <param name="redis">The connection; the caller keeps and disposes it.</param>
    /// <param name="key">A record's key: records with equal keys overwrite each other.</param>
    /// <param name="value">A record's value.</param>
    /// <param name="name">The sink's name.</param>
    /// <param name="options">Batching; <see cref="SinkOptions.Default"/> when null.</param>
    /// <param name="expiry">A time to live set with every write; null for none.</param>
    /// <param name="database">The Redis database number; -1 for the connection's default.</param>
    public RedisKeySink(IConnectionMultiplexer redis, Func<T, RedisKey> key, Func<T, RedisValue> value, string name = "redis-keys", SinkOptions? options = null, TimeSpan? expiry = null, int database = -1)
        : base(name, options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(database, -1);
        if (expiry is { } ttl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, nameof(expiry));
        }

        _redis = redis;
        _key = key;
        _value = value;
        Expiry = expiry;
        _database = database;
    }

    /// <summary>The time to live set with every write, or null.</summary>
    public TimeSpan? Expiry { get; }

    /// <summary>Exactly-once for the keys' final values, as an upsert (see the class remarks).</summary>
    public override SinkGuarantee Guarantee => SinkGuarantee.ExactlyOnce;

    /// <inheritdoc />
    protected internal override SinkWriter<T> CreateWriter(SinkContext context) =>
        new RedisKeySinkWriter<T>(context, _redis.GetDatabase(_database), _key, _value, Expiry);
}
