using System;

namespace RxStreams;

/// <summary>Naming operators for checkpoints.</summary>
public static class UidExtensions
{
    /// <summary>
    /// Gives the operator that produces <paramref name="stream"/> a stable id (Flink's <c>uid</c>): checkpoints and
    /// savepoints match state to operators by it, so a job whose pipeline changes can still restore. Without one, an
    /// operator's id is its name and its place among operators of that name (<c>Process#1</c>), which changes when
    /// operators are added before it.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">A stream produced by an RxStreams operator.</param>
    /// <param name="uid">The id, unique within the job.</param>
    /// <returns><paramref name="stream"/> itself.</returns>
    public static IObservable<StreamElement<T>> Uid<T>(this IObservable<StreamElement<T>> stream, string uid)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        if (stream is not Checkpoints.IOperatorIdentity identity)
        {
            throw new ArgumentException(
                $"Uid names the RxStreams operator that produced a stream; {stream.GetType().Name} is not one (a plain Rx operator or a user observable).",
                nameof(stream));
        }

        identity.Uid = uid;
        return stream;
    }
}
