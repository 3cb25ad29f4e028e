using System;

namespace RxStreams.Testing;

/// <summary>A <see cref="CrashTest"/> found runs that broke the job's delivery guarantee; the message lists the first.</summary>
public sealed class CrashTestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The report and the runs that broke the promise.</param>
    public CrashTestException(string message)
        : base(message)
    {
    }
}
