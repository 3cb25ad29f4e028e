using System;

namespace RxStreams;

/// <summary>
/// Whether sources and operators hand batches to observers that take them (<see cref="IBatchObserver{T}"/>), and how
/// large. Set the environment variable <c>RXSTREAMS_BATCHING=off</c> to run every pipeline one element at a time
/// (the results are the same; the CI runs the test suite both ways).
/// </summary>
internal static class Batching
{
    /// <summary>The most values an array source hands over in one call, and an operator's output buffer.</summary>
    public const int Size = 1024;

    /// <summary>False when <c>RXSTREAMS_BATCHING</c> is <c>off</c>, <c>0</c> or <c>false</c>.</summary>
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("RXSTREAMS_BATCHING")?.Trim().ToLowerInvariant() is not ("off" or "0" or "false");

    /// <summary>The observer as a batch observer when batching is on and it takes batches, otherwise null.</summary>
    public static IBatchObserver<T>? Of<T>(IObserver<T> observer) => Enabled ? observer as IBatchObserver<T> : null;
}
