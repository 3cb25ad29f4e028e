using RxStreams.Sinks;
using RxStreams.State;

namespace RxStreams.Tests.Testing.CrashTests;

/// <summary>An in-memory "database" with transactions that a crash cannot take back once prepared, as a real one would keep them.</summary>
internal sealed class MemoryDatabase<T>
{
    private readonly object _gate = new();

    public List<T> Committed { get; } = [];

    public Dictionary<string, List<T>> Open { get; } = [];

    public Dictionary<string, List<T>> Prepared { get; } = [];

    public void Reset()
    {
        lock (_gate)
        {
            Committed.Clear();
            Open.Clear();
            Prepared.Clear();
        }
    }

    public List<T> Read()
    {
        lock (_gate)
        {
            return [.. Committed];
        }
    }

    public void Do(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }
}

/// <summary>A two-phase-commit sink over a <see cref="MemoryDatabase{T}"/>: exactly-once.</summary>
internal sealed class MemoryTransactionalSink<T>(MemoryDatabase<T> database) : Sink<T>("memory-2pc", null)
{
    public override SinkGuarantee Guarantee => SinkGuarantee.ExactlyOnce;

    protected internal override SinkWriter<T> CreateWriter(SinkContext context) => new Writer(context, database);

    private sealed class Writer(SinkContext context, MemoryDatabase<T> database) : TwoPhaseCommitSinkWriter<T, string>(context)
    {
        protected override string BeginTransaction()
        {
            var name = Context.NewTransactionName();
            database.Do(() => database.Open[name] = []);
            return name;
        }

        protected override void Write(string transaction, ReadOnlySpan<T> batch)
        {
            var records = batch.ToArray();
            database.Do(() => database.Open[transaction].AddRange(records));
        }

        protected override void PreCommit(string transaction) => database.Do(() =>
        {
            database.Prepared[transaction] = database.Open[transaction];
            database.Open.Remove(transaction);
        });

        protected override void Commit(string transaction) => database.Do(() =>
        {
            if (database.Prepared.Remove(transaction, out var records))
            {
                database.Committed.AddRange(records);
            }
        });

        protected override void Abort(string transaction) => database.Do(() => database.Open.Remove(transaction));

        protected override void AbortLingeringTransactions() => database.Do(() =>
        {
            foreach (var name in database.Open.Keys.Concat(database.Prepared.Keys).Where(Context.IsOwnTransaction).ToList())
            {
                database.Open.Remove(name);
                database.Prepared.Remove(name);
            }
        });

        protected override void WriteHandle(string transaction, StateWriter writer) => writer.WriteString(transaction);

        protected override string ReadHandle(ref StateReader reader) => reader.ReadString()!;
    }
}
