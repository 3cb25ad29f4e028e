using System;
using Npgsql;
using RxStreams.Sinks;

namespace RxStreams.PostgreSql;

/// <summary>
/// Writes records as rows of a PostgreSQL table, exactly once in a checkpointed job with replayable sources: a row
/// becomes visible when the checkpoint after its record completes, and neither a crash nor a restore loses or repeats
/// it (<see cref="SinkGuarantee.ExactlyOnce"/>). Batches are written with binary COPY, one round trip per batch. At
/// start each writer checks the table (a missing table or column, a column of another type, an unwritten NOT NULL
/// column without default fail with a <see cref="SinkException"/> naming them); a server that cannot be reached, or
/// goes away mid-run, fails with a <see cref="SinkUnavailableException"/> and the job's restart strategy applies.
/// Outside a job each batch is committed as it is written (at-most-once on failure).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class PostgreSqlSink<T> : Sink<T>
{
    private readonly string _connectionString;

    /// <summary>Creates the sink.</summary>
    /// <param name="connectionString">The Npgsql connection string; each writer opens two connections with it.</param>
    /// <param name="table">The target table and how a record fills its columns.</param>
    /// <param name="mode">Two-phase commit (the default) or idempotent staging.</param>
    /// <param name="name">The sink's name, and the start of its uid (its prepared transactions' and staged rows' prefix) unless <c>.Uid(...)</c> names it.</param>
    /// <param name="options">Batching; <see cref="SinkOptions.Default"/> when null.</param>
    public PostgreSqlSink(string connectionString, PostgreSqlTable<T> table, PostgreSqlSinkMode mode = PostgreSqlSinkMode.TwoPhaseCommit, string name = "postgresql", SinkOptions? options = null)
        : base(name, options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(table);
        table.Validate(nameof(table));
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown PostgreSQL sink mode.");
        }

        _ = new NpgsqlConnectionStringBuilder(connectionString);
        _connectionString = connectionString;
        Table = table;
        Mode = mode;
    }

    /// <summary>The target table.</summary>
    public PostgreSqlTable<T> Table { get; }

    /// <summary>How the sink makes its output exactly-once.</summary>
    public PostgreSqlSinkMode Mode { get; }

    /// <summary>
    /// Tests inject crashes here: called with <c>prepared</c> (after a transaction is pre-committed), <c>commit</c> and
    /// <c>committed</c> (around a commit), <c>recover</c> (during a restore, after the restored checkpoint's transactions were committed).
    /// </summary>
    internal Action<string>? Faults { get; set; }

    /// <summary>Exactly-once, in either mode.</summary>
    public override SinkGuarantee Guarantee => SinkGuarantee.ExactlyOnce;

    /// <inheritdoc />
    protected override SinkWriter<T> CreateWriter(SinkContext context) => Mode == PostgreSqlSinkMode.TwoPhaseCommit
        ? new PostgreSqlTwoPhaseCommitWriter<T>(context, _connectionString, Table) { Faults = Faults }
        : new PostgreSqlIdempotentWriter<T>(context, _connectionString, Table) { Faults = Faults };
}
