namespace RxStreams.PostgreSql;

/// <summary>
/// A sink transaction: for the two-phase-commit sink the global id of its <c>PREPARE TRANSACTION</c>, for the
/// idempotent sink the tag of its staged rows; in both, the checkpoint it was pre-committed at (-1 before).
/// </summary>
internal sealed class PostgreSqlTransaction(string name)
{
    public string Name { get; set; } = name;

    public long CheckpointId { get; set; } = -1;
}
