namespace RxStreams;

/// <summary>Why an input holds a watermark back.</summary>
public enum HoldReason
{
    /// <summary>It has not sent a record yet (an input carrying its own watermarks: no watermark yet).</summary>
    NoRecords,

    /// <summary>Its records stopped (none for longer than the explainer's silence threshold) and it is not marked idle.</summary>
    Silent,

    /// <summary>It is marked idle, as every other input: nothing moves the watermark until a record arrives.</summary>
    Idle,

    /// <summary>Its newest record is past the window's end, but its out-of-orderness bound keeps its watermark below it.</summary>
    Bound,

    /// <summary>It sends records, but its event time trails the other inputs of a merge, which follows the slowest.</summary>
    Behind,

    /// <summary>Nothing is wrong: event time has not reached the window's end yet; a later record will fire it.</summary>
    EventTime,
}
