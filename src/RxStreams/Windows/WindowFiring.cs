namespace RxStreams;

/// <summary>Why a window result was emitted.</summary>
public enum WindowFiring : byte
{
    /// <summary>Before the watermark reached the window's end (an early firing of the trigger).</summary>
    Early = 0,

    /// <summary>
    /// The regular firing: the watermark reached the window's end (event time), the processing clock did
    /// (processing time), or a count/custom trigger fired a global window.
    /// </summary>
    OnTime = 1,

    /// <summary>After the on-time firing: a late record within the allowed lateness updated the window.</summary>
    Late = 2,
}
