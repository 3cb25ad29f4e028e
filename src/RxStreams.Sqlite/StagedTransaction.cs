namespace RxStreams.Sqlite;

/// <summary>A SQLite sink's transaction: the name its staged rows carry, and the checkpoint that closed it.</summary>
internal sealed class StagedTransaction(string name)
{
    public string Name { get; } = name;

    public long CheckpointId { get; set; }
}
