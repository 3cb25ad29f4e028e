using System;

namespace RxStreams.Checkpoints;

/// <summary>
/// A checkpoint or savepoint cannot be restored into this job: operators whose uids do not match, a state whose
/// serializer or type changed, or data that does not read back. The message names the operator and the state.
/// </summary>
public sealed class CheckpointRestoreException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What does not match, naming the operator and the state.</param>
    public CheckpointRestoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    /// <param name="message">What does not match, naming the operator and the state.</param>
    /// <param name="innerException">The cause.</param>
    public CheckpointRestoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error with no detail.</summary>
    public CheckpointRestoreException()
    {
    }
}
