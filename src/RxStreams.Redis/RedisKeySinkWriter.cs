using System;
using System.Threading.Tasks;
using RxStreams.Sinks;
using StackExchange.Redis;

namespace RxStreams.Redis;

/// <summary>One subtask's writer of a <see cref="RedisKeySink{T}"/>: a batch is one pipeline of SETs, waited for before the next.</summary>
internal sealed class RedisKeySinkWriter<T>(SinkContext context, IDatabase database, Func<T, RedisKey> key, Func<T, RedisValue> value, TimeSpan? expiry)
    : SinkWriter<T>(context)
{
    private Task[] _pending = [];

    protected internal override void Write(ReadOnlySpan<T> batch)
    {
        if (_pending.Length < batch.Length)
        {
            _pending = new Task[batch.Length];
        }

        var pipeline = database.CreateBatch();
        var i = 0;
        foreach (var record in batch)
        {
            RedisKey k;
            RedisValue v;
            try
            {
                k = key(record);
                v = value(record);
            }
            catch (Exception e)
            {
                throw new SinkException(Context, $"the key or value of record {record} could not be made: {e.Message}", e);
            }

            _pending[i++] = expiry is { } ttl ? pipeline.StringSetAsync(k, v, ttl) : pipeline.StringSetAsync(k, v);
        }

        pipeline.Execute();
        try
        {
            Task.WaitAll(_pending.AsSpan(0, i));
        }
        catch (AggregateException e)
        {
            var cause = e.Flatten().InnerExceptions[0];
            throw cause is RedisConnectionException or TimeoutException
                ? new SinkUnavailableException(Context, $"writing {batch.Length} keys failed: Redis is unavailable: {cause.Message}", cause)
                : new SinkException(Context, $"writing {batch.Length} keys failed: {cause.Message}", cause);
        }
        finally
        {
            Array.Clear(_pending, 0, i);
        }
    }
}
