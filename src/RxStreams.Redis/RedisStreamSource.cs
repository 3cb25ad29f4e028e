using System;
using StackExchange.Redis;

namespace RxStreams.Redis;

/// <summary>One Redis stream as a replayable source: every subscription opens a <see cref="RedisStreamReader{T}"/>.</summary>
internal sealed class RedisStreamSource<T>(
    IConnectionMultiplexer redis, string stream, Func<RedisStreamEntry, T> map, RedisStreamOptions options, string name)
    : ReplayableSource<T>(name, options.Source)
{
    protected internal override SourceReader<T> OpenReader() =>
        new RedisStreamReader<T>(redis.GetDatabase(options.Database), stream, map, options, Name);
}
