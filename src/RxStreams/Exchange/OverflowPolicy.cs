namespace RxStreams;

/// <summary>What an exchange does when a consumer task's bounded input buffer is full.</summary>
public enum OverflowPolicy : byte
{
    /// <summary>Backpressure: the producer waits until the consumer makes room. Nothing is lost. The default.</summary>
    Block = 0,

    /// <summary>
    /// The record that does not fit is dropped and counted. Only a consumer that is really behind loses records: the
    /// producer hands records over in groups of at most half the buffer, so a full buffer holds at least that many the
    /// consumer could have taken.
    /// </summary>
    DropNewest = 1,

    /// <summary>The oldest record waiting in the buffer is dropped (and counted) to make room.</summary>
    DropOldest = 2,

    /// <summary>The stream fails with an <see cref="ExchangeOverflowException"/> when a record does not fit (as for <see cref="DropNewest"/>, only when the consumer is really behind).</summary>
    Fail = 3,
}
