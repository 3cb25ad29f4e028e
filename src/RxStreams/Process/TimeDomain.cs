namespace RxStreams;

/// <summary>The clock of a timer or a time to live (Flink's <c>TimeDomain</c>).</summary>
public enum TimeDomain
{
    /// <summary>Event time: the timestamps in the records, advanced by watermarks.</summary>
    EventTime = 0,

    /// <summary>Processing time: the wall clock of the operator's scheduler (a <c>TestScheduler</c> in tests).</summary>
    ProcessingTime = 1,
}
