using RxStreams.Sinks;
using RxStreams.State;

namespace RxStreams.Tests.Sinks;

/// <summary>
/// An external system with transactions, in memory (what a database would keep across a crash of the job): open and
/// prepared transactions by name, and the committed rows. Thread-safe, as parallel writers share it.
/// </summary>
internal sealed class MemoryStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<string>> _open = new(StringComparer.Ordinal);
    private readonly HashSet<string> _prepared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _committedNames = new(StringComparer.Ordinal);
    private readonly List<string> _committed = [];

    public int Commits { get; private set; }

    public int RepeatedCommits { get; private set; }

    public int Aborted { get; private set; }

    public List<string> Committed
    {
        get
        {
            lock (_gate)
            {
                return [.. _committed];
            }
        }
    }

    public int OpenTransactions
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    public void Begin(string name)
    {
        lock (_gate)
        {
            _open.Add(name, []);
        }
    }

    public void Write(string name, ReadOnlySpan<string> rows)
    {
        lock (_gate)
        {
            _open[name].AddRange(rows);
        }
    }

    public void Prepare(string name)
    {
        lock (_gate)
        {
            _prepared.Add(name);
        }
    }

    public void Commit(string name)
    {
        lock (_gate)
        {
            if (_committedNames.Contains(name))
            {
                RepeatedCommits++;
                return;
            }

            if (!_prepared.Contains(name) || !_open.Remove(name, out var rows))
            {
                throw new InvalidOperationException($"transaction {name} is not prepared");
            }

            _prepared.Remove(name);
            _committedNames.Add(name);
            _committed.AddRange(rows);
            Commits++;
        }
    }

    public void Abort(string name)
    {
        lock (_gate)
        {
            if (_open.Remove(name))
            {
                _prepared.Remove(name);
                Aborted++;
            }
        }
    }

    public void AbortWhere(Func<string, bool> own)
    {
        lock (_gate)
        {
            foreach (var name in _open.Keys.Where(own).ToList())
            {
                _open.Remove(name);
                _prepared.Remove(name);
                Aborted++;
            }
        }
    }
}

/// <summary>A transactional sink into a <see cref="MemoryStore"/>, failing on the commits a test asks for.</summary>
internal sealed class MemoryTransactionalSink(MemoryStore store, SinkOptions? options = null, Func<bool>? failCommit = null)
    : Sink<string>("memory", options)
{
    public override SinkGuarantee Guarantee => SinkGuarantee.ExactlyOnce;

    protected internal override SinkWriter<string> CreateWriter(SinkContext context) => new Writer(context, store, failCommit);

    private sealed class Writer(SinkContext context, MemoryStore store, Func<bool>? failCommit) : TwoPhaseCommitSinkWriter<string, string>(context)
    {
        protected override string BeginTransaction()
        {
            var name = Context.NewTransactionName();
            store.Begin(name);
            return name;
        }

        protected override void Write(string transaction, ReadOnlySpan<string> batch) => store.Write(transaction, batch);

        protected override void PreCommit(string transaction) => store.Prepare(transaction);

        protected override void Commit(string transaction)
        {
            if (failCommit?.Invoke() == true)
            {
                throw new InvalidOperationException("injected failure before a commit");
            }

            store.Commit(transaction);
        }

        protected override void Abort(string transaction) => store.Abort(transaction);

        protected override void AbortLingeringTransactions() => store.AbortWhere(Context.IsOwnTransaction);

        protected override void WriteHandle(string transaction, StateWriter writer) => writer.WriteString(transaction);

        protected override string ReadHandle(ref StateReader reader) => reader.ReadString()!;
    }
}
