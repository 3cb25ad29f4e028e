using RxStreams.Sinks;

namespace RxStreams.Sqlite;

/// <summary>How a <see cref="SqliteSink{T}"/> treats its table and what it guarantees.</summary>
public sealed record SqliteSinkOptions
{
    /// <summary>True (the default) creates the table from the columns when it is missing; false fails at start instead.</summary>
    public bool CreateTable { get; init; } = true;

    /// <summary>
    /// <see cref="SinkGuarantee.ExactlyOnce"/> (the default): rows are staged, and moved into the table together with
    /// the checkpoint id in one transaction when the checkpoint completes. <see cref="SinkGuarantee.AtLeastOnce"/>:
    /// each batch is inserted into the table at once in a transaction of its own (a restart inserts the rows after the
    /// last checkpoint again); cheaper, for comparison.
    /// </summary>
    public SinkGuarantee Guarantee { get; init; } = SinkGuarantee.ExactlyOnce;

    /// <summary>How long a write waits for another connection's lock before failing with <see cref="SinkUnavailableException"/>, in whole seconds (at least 1); default 5 s.</summary>
    public System.TimeSpan BusyTimeout { get; init; } = System.TimeSpan.FromSeconds(5);
}
