using System;

namespace RxStreams.Sinks;

/// <summary>
/// The external system a sink writes to is down, unreachable, locked or missing: a failure that a restart may mend
/// (the job's restart strategy applies), unlike a wrong schema or a bad mapping, which fail the same way every time.
/// </summary>
public class SinkUnavailableException : SinkException
{
    /// <summary>Creates the error.</summary>
    /// <param name="context">The writer that failed; null when the sink failed before it had one.</param>
    /// <param name="message">What the sink tried to reach and what went wrong.</param>
    /// <param name="innerException">The external system's error, if any.</param>
    public SinkUnavailableException(SinkContext? context, string message, Exception? innerException = null)
        : base(context, message, innerException)
    {
    }
}
