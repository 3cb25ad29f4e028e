using System;

namespace RxStreams.Testing;

/// <summary>A failure a <see cref="CrashTest"/> injected on purpose; the job's restart strategy handles it as any other.</summary>
public sealed class InjectedFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Where the failure was injected.</param>
    public InjectedFailureException(string message)
        : base(message)
    {
    }
}
