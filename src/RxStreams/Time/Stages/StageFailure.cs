using System;

namespace RxStreams.Time;

/// <summary>A fused function threw: which operator it belongs to and the record it failed on (allocated only on failure).</summary>
internal sealed class StageFailure(string operatorName, object? record, Exception error)
{
    public string Operator { get; } = operatorName;

    public object? Record { get; } = record;

    public Exception Error { get; } = error;
}
