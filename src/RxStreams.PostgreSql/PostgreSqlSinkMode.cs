namespace RxStreams.PostgreSql;

/// <summary>How a PostgreSQL sink makes its output exactly-once.</summary>
public enum PostgreSqlSinkMode
{
    /// <summary>
    /// Two-phase commit: a checkpoint's rows in one transaction, <c>PREPARE TRANSACTION</c> at the barrier,
    /// <c>COMMIT PREPARED</c> when the checkpoint completes. Needs <c>max_prepared_transactions</c> &gt; 0.
    /// </summary>
    TwoPhaseCommit = 0,

    /// <summary>
    /// Staged rows moved into the table in one transaction when the checkpoint completes, with the checkpoint id
    /// recorded (<c>ON CONFLICT DO NOTHING</c>): for servers where prepared transactions are off.
    /// </summary>
    Idempotent = 1,
}
