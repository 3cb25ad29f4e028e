namespace RxStreams;

/// <summary>What an exchange does when a consumer task's bounded input buffer is full.</summary>
public enum OverflowPolicy : byte
{
    /// <summary>Backpressure: the producer waits until the consumer makes room. Nothing is lost. The default.</summary>
    Block = 0,

    /// <summary>The record that does not fit is dropped and counted.</summary>
    DropNewest = 1,

    /// <summary>The oldest record waiting in the buffer is dropped (and counted) to make room.</summary>
    DropOldest = 2,

    /// <summary>The stream fails with an <see cref="ExchangeOverflowException"/>.</summary>
    Fail = 3,
}
