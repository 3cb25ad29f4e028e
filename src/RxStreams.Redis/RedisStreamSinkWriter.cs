using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using RxStreams.Sinks;
using RxStreams.State;
using StackExchange.Redis;

namespace RxStreams.Redis;

/// <summary>
/// One subtask's writer of a <see cref="RedisStreamSink{T}"/>: a transaction is a staging stream; committing it is one
/// Lua script (append every staged entry to the target, delete the staging stream), so it happens once or not at all.
/// </summary>
internal sealed class RedisStreamSinkWriter<T> : TwoPhaseCommitSinkWriter<T, string>
{
    private const string Move = """
        local entries = redis.call('XRANGE', KEYS[2], '-', '+')
        for i = 1, #entries do
            redis.call('XADD', KEYS[1], '*', unpack(entries[i][2]))
        end
        redis.call('DEL', KEYS[2])
        return #entries
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _database;
    private readonly string _stream;
    private readonly RedisKey _target;
    private readonly string _prefix;
    private readonly Func<T, NameValueEntry[]> _fields;
    private Task[] _pending = [];

    public RedisStreamSinkWriter(SinkContext context, IConnectionMultiplexer redis, IDatabase database, string stream, Func<T, NameValueEntry[]> fields)
        : base(context)
    {
        _redis = redis;
        _database = database;
        _stream = stream;
        _target = stream;
        _prefix = "{" + stream + "}:rxstreams:";
        _fields = fields;
    }

    internal Action<string>? Faults { get; init; }

    protected override string BeginTransaction() => Context.NewTransactionName();

    protected override void Write(string transaction, ReadOnlySpan<T> batch)
    {
        RedisKey staging = _prefix + transaction;
        if (_pending.Length < batch.Length)
        {
            _pending = new Task[batch.Length];
        }

        var pipeline = _database.CreateBatch();
        var i = 0;
        foreach (var record in batch)
        {
            NameValueEntry[] fields;
            try
            {
                fields = _fields(record);
            }
            catch (Exception e)
            {
                throw new SinkException(Context, $"the fields of record {record} could not be made: {e.Message}", e);
            }

            _pending[i++] = pipeline.StreamAddAsync(staging, fields);
        }

        pipeline.Execute();
        try
        {
            Redis(() => Task.WaitAll(_pending.AsSpan(0, i)), $"staging {batch.Length} entries for stream '{_stream}'");
        }
        finally
        {
            Array.Clear(_pending, 0, i);
        }
    }

    /// <summary>Redis has acknowledged every staged entry: there is nothing more to make durable here.</summary>
    protected override void PreCommit(string transaction)
    {
    }

    protected override void Commit(string transaction)
    {
        Faults?.Invoke("commit");
        Redis(() => _database.ScriptEvaluate(Move, [_target, _prefix + transaction]), $"appending the entries of '{transaction}' to stream '{_stream}'");
        Faults?.Invoke("committed");
    }

    protected override void Abort(string transaction) => _database.KeyDelete(_prefix + transaction);

    protected override void AbortLingeringTransactions()
    {
        Faults?.Invoke("recover");
        var lingering = new List<RedisKey>();
        Redis(
            () =>
            {
                var pattern = Glob(_prefix + Context.Uid + ".") + "*";
                foreach (var endpoint in _redis.GetEndPoints())
                {
                    var server = _redis.GetServer(endpoint);
                    if (server.IsReplica || !server.IsConnected)
                    {
                        continue;
                    }

                    foreach (var key in server.Keys(_database.Database, pattern, pageSize: 1000))
                    {
                        if (Context.IsOwnTransaction(key.ToString()[_prefix.Length..]))
                        {
                            lingering.Add(key);
                        }
                    }
                }

                if (lingering.Count > 0)
                {
                    _database.KeyDelete([.. lingering]);
                }
            },
            $"deleting the staging streams an earlier attempt left for stream '{_stream}'");
    }

    protected override void WriteHandle(string transaction, StateWriter writer) => writer.WriteString(transaction);

    protected override string ReadHandle(ref StateReader reader) => reader.ReadString()!;

    private void Redis(Action action, string doing)
    {
        try
        {
            action();
        }
        catch (Exception e) when (Unwrap(e) is RedisConnectionException or TimeoutException)
        {
            throw new SinkUnavailableException(Context, $"{doing} failed: Redis is unavailable: {Unwrap(e).Message}", Unwrap(e));
        }
        catch (Exception e) when (e is not SinkException)
        {
            throw new SinkException(Context, $"{doing} failed: {Unwrap(e).Message}", Unwrap(e));
        }
    }

    private static Exception Unwrap(Exception e) => e is AggregateException a ? a.Flatten().InnerExceptions[0] : e;

    private static string Glob(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
