using System;

namespace RxStreams.Checkpoints;

/// <summary>A checkpoint could not be stored or loaded: it is missing, torn, corrupt or of an unknown format. The message says which and where.</summary>
public sealed class CheckpointStorageException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong, naming the checkpoint and its path.</param>
    /// <param name="path">The checkpoint's directory or file, when it has one.</param>
    /// <param name="checkpointId">The checkpoint id, when known.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public CheckpointStorageException(string message, string? path = null, long? checkpointId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        CheckpointId = checkpointId;
    }

    /// <summary>The checkpoint's directory or file, or null for in-memory storage.</summary>
    public string? Path { get; }

    /// <summary>The checkpoint id, or null when not known.</summary>
    public long? CheckpointId { get; }
}
