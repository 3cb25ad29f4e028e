using System;
using RxStreams.Sinks;

namespace RxStreams;

/// <summary>Ending a pipeline in a sink.</summary>
public static class SinkExtensions
{
    /// <summary>
    /// Writes the stream's records to <paramref name="sink"/> in batches (see <see cref="SinkOptions"/>) and returns a
    /// stream that carries no records, only the watermarks (and, inside a job, the barriers) and the end: it completes
    /// once the sink has written, and for a transactional sink in a job committed, every record, and fails with a
    /// <see cref="SinkException"/> when the sink does. Subscribe to it, or give it to <c>StreamJob.Create</c>; name it
    /// with <c>.Uid(...)</c> so its transactions survive changes to the pipeline. In a parallel pipeline, end each
    /// task's segment in it (<c>.Apply(s =&gt; s.SinkTo(sink))</c>): every task gets its own writer, its subtask in its names.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The records to write.</param>
    /// <param name="sink">Where to write them; one instance may serve every task and attempt.</param>
    /// <returns>The sink's end of the pipeline.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IObservable<StreamElement<T>> SinkTo<T>(this IObservable<StreamElement<T>> stream, Sink<T> sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);
        return new SinkOperator<T>(stream, sink);
    }
}
