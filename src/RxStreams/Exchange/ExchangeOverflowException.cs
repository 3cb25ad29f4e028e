using System;

namespace RxStreams;

/// <summary>A consumer task's input buffer was full under <see cref="OverflowPolicy.Fail"/>.</summary>
public sealed class ExchangeOverflowException : Exception
{
    /// <summary>Creates the error for a full buffer.</summary>
    /// <param name="edge">The exchange edge, for example <c>hash→Window[1]</c>.</param>
    /// <param name="capacity">The buffer's capacity.</param>
    public ExchangeOverflowException(string edge, int capacity)
        : base($"The input buffer of {edge} is full ({capacity} elements) and the overflow policy is Fail.")
    {
        Edge = edge;
        Capacity = capacity;
    }

    /// <summary>The exchange edge whose buffer overflowed.</summary>
    public string Edge { get; }

    /// <summary>The buffer's capacity.</summary>
    public int Capacity { get; }
}
