using System;
using System.Runtime.ExceptionServices;

namespace RxStreams.Processing;

/// <summary>
/// An exception an observer behind a process function threw while the function emitted: carried through the
/// operator's handling of user-code failures (it is not the function's fault, so neither a dead letter nor a
/// <see cref="StreamOperatorException"/>) and thrown again, as it was, to the producer.
/// </summary>
internal sealed class DownstreamFailure(Exception error) : Exception(error.Message, error)
{
    /// <summary>Throws the observer's exception again, with its original stack trace.</summary>
    public void Rethrow() => ExceptionDispatchInfo.Capture(InnerException!).Throw();
}
