using System;
using RxStreams.Checkpoints;
using RxStreams.State;
using StackExchange.Redis;

namespace RxStreams.Redis;

/// <summary>
/// Reads one stream in batches (<c>XRANGE key (last end COUNT n</c>, one round trip per batch). The position is the id
/// of the last entry handed on (or sent to dead letters); without <see cref="RedisStreamOptions.Follow"/> it also holds
/// the end: the id that was last in the stream when the job first read it, so a restarted job ends where the first
/// attempt would have, however the stream grew meanwhile.
/// </summary>
internal sealed class RedisStreamReader<T> : SourceReader<T>
{
    private readonly IDatabase _database;
    private readonly string _stream;
    private readonly RedisKey _key;
    private readonly Func<RedisStreamEntry, T> _map;
    private readonly RedisStreamOptions _options;
    private readonly string _sourceName;
    private StreamEntry[] _batch = [];
    private int _next;
    private RedisValue _last;
    private string? _end;
    private bool _drained;

    public RedisStreamReader(IDatabase database, string stream, Func<RedisStreamEntry, T> map, RedisStreamOptions options, string sourceName)
    {
        _database = database;
        _stream = stream;
        _key = stream;
        _map = map;
        _options = options;
        _sourceName = sourceName;
        _last = options.StartAfter;
    }

    public override bool IsFinished => !_options.Follow && _drained && _next >= _batch.Length;

    public override bool TryRead(out T value)
    {
        while (true)
        {
            while (_next < _batch.Length)
            {
                var entry = _batch[_next++];
                if (TryMap(entry, out value))
                {
                    _last = entry.Id;
                    return true;
                }

                _last = entry.Id;
            }

            if (_drained && !_options.Follow)
            {
                value = default!;
                return false;
            }

            if (!Fetch())
            {
                value = default!;
                return false;
            }
        }
    }

    public override void WritePosition(StateWriter writer)
    {
        writer.WriteString(_stream);
        writer.WriteString(_last.ToString());
        writer.WriteString(_options.Follow ? null : End());
    }

    public override void Seek(ref StateReader reader)
    {
        var stream = reader.ReadString();
        var last = reader.ReadString();
        var end = reader.ReadString();
        if (!string.Equals(stream, _stream, StringComparison.Ordinal))
        {
            throw new CheckpointRestoreException(
                $"Source '{_sourceName}' reads stream '{_stream}', but the checkpoint holds a position in stream '{stream}': were the streams given in another order?");
        }

        if (!RedisStreamId.TryParse(last, out _) || (end is not null && !RedisStreamId.TryParse(end, out _)))
        {
            throw new CheckpointRestoreException($"Source '{_sourceName}': the checkpoint's position '{last}' (end '{end}') in stream '{_stream}' is not a stream entry id.");
        }

        _last = last;
        _end = end;
        _batch = [];
        _next = 0;
        _drained = false;
    }

    /// <summary>Fetches the next batch; false when there is nothing after the position (up to the end) now.</summary>
    private bool Fetch()
    {
        try
        {
            var end = _options.Follow ? "+" : End();
            if (!_options.Follow && RedisStreamId.Parse(_last.ToString(), _stream).CompareTo(RedisStreamId.Parse(end, _stream)) >= 0)
            {
                _drained = true;
                _batch = [];
                _next = 0;
                return false;
            }

            _batch = _database.StreamRange(_key, "(" + _last.ToString(), end, _options.BatchSize, Order.Ascending);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new RedisStreamException(_stream, _last.ToString(), $"Reading stream '{_stream}' after entry {_last} failed: {e.Message}", e);
        }

        _next = 0;
        _drained = _batch.Length < _options.BatchSize;
        return _batch.Length > 0;
    }

    /// <summary>The bounded read's last entry id, asked of Redis once (XREVRANGE … COUNT 1) and then kept in checkpoints.</summary>
    private string End()
    {
        if (_end is null)
        {
            var top = _database.StreamRange(_key, "-", "+", 1, Order.Descending);
            _end = top.Length == 0 ? RedisStreamId.Zero.ToString() : top[0].Id.ToString();
        }

        return _end;
    }

    private bool TryMap(StreamEntry entry, out T value)
    {
        var wrapped = new RedisStreamEntry(_stream, entry);
        try
        {
            value = _map(wrapped);
            return true;
        }
        catch (Exception e)
        {
            var error = new RedisStreamException(
                _stream, entry.Id.ToString(), $"Mapping entry {entry.Id} of stream '{_stream}' failed: {e.Message}", e);
            if (_options.DeadLetters is not { } deadLetters)
            {
                throw error;
            }

            deadLetters.Emit(new DeadLetter(_sourceName, wrapped, null, error));
            value = default!;
            return false;
        }
    }
}
