using System;

namespace RxStreams.Redis;

/// <summary>
/// A Redis stream could not be read, or one of its entries could not be turned into a record: the message names the
/// stream and the entry id (for a failed read, the id after which it was reading).
/// </summary>
public sealed class RedisStreamException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="stream">The stream's key.</param>
    /// <param name="entryId">The entry that failed, or the last entry read before a failed read.</param>
    /// <param name="message">What went wrong, naming the stream and the id.</param>
    /// <param name="innerException">The cause: the mapping function's exception or the client's.</param>
    public RedisStreamException(string stream, string entryId, string message, Exception? innerException)
        : base(message, innerException)
    {
        Stream = stream;
        EntryId = entryId;
    }

    /// <summary>The stream's key.</summary>
    public string Stream { get; }

    /// <summary>The entry that failed, or for a failed read the last entry read before it (<c>0-0</c> before any).</summary>
    public string EntryId { get; }
}
