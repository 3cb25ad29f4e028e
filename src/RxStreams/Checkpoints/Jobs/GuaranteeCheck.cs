using System.Collections.Generic;
using RxStreams.Graph;
using RxStreams.Sinks;

namespace RxStreams.Checkpoints;

/// <summary>
/// Refuses, at job start, a pipeline whose parts cannot give the job's <see cref="DeliveryGuarantee"/>, naming the
/// part. Only end-to-end exactly-once asks more of the parts than checkpoints do: replayable sources, every part
/// checkpointed, exactly-once sinks, and no record reaching the job's observer.
/// </summary>
internal static class GuaranteeCheck
{
    public static void ThrowIfUnmet(DeliveryGuarantee guarantee, JobRuntime runtime, object output)
    {
        if (guarantee != DeliveryGuarantee.EndToEndExactlyOnce)
        {
            return;
        }

        if (runtime.UnreplayableSources is [var source, ..])
        {
            throw new DeliveryGuaranteeException(
                $"End-to-end exactly-once needs replayable sources, and the source '{source}' is not replayable: a restart would lose its records since the last checkpoint. " +
                "Read it through a replayable source (files, Redis Streams, ReplayableSource.FromList, a channel with a position), or ask for a weaker DeliveryGuarantee.");
        }

        if (runtime.UncheckpointedParts is [var reason, ..])
        {
            throw new DeliveryGuaranteeException(
                $"End-to-end exactly-once needs every part of the pipeline checkpointed, and a part was accepted as not checkpointed (\"{reason}\"): it restarts empty. " +
                "Replace it with RxStreams operators, or ask for a weaker DeliveryGuarantee.");
        }

        foreach (var (name, sinkGuarantee) in runtime.Sinks)
        {
            if (sinkGuarantee != SinkGuarantee.ExactlyOnce)
            {
                throw new DeliveryGuaranteeException(
                    $"End-to-end exactly-once needs exactly-once sinks, and the sink '{name}' is {sinkGuarantee}: after a restart it could write results again. " +
                    "Use a transactional or idempotent sink (FileSink, SqliteSink, the PostgreSQL two-phase-commit sink), or ask for DeliveryGuarantee.ExactlyOnce.");
            }
        }

        if (CarriesRecords(output))
        {
            throw RecordReachedObserver();
        }
    }

    /// <summary>The error when the job's observer gets (or would get) records under end-to-end exactly-once.</summary>
    public static DeliveryGuaranteeException RecordReachedObserver() => new(
        "End-to-end exactly-once needs every path of the pipeline to end in an exactly-once sink, but the pipeline's output carries records to the job's observer, " +
        "which cannot take them back after a restart. End each path with .SinkTo(sink) (merge the sinks' outputs if there are several), or ask for DeliveryGuarantee.ExactlyOnce.");

    /// <summary>
    /// True when a path from the output back to a source passes no sink. A parallel pipeline's task segments are not
    /// walked here: records of theirs reaching the observer fail the job when they come.
    /// </summary>
    private static bool CarriesRecords(object output)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(output);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!seen.Add(node) || node is ISinkNode || node is IGraphDescribable)
            {
                continue;
            }

            if (node is not IDataflowNode dataflow)
            {
                return true;
            }

            var inputs = 0;
            foreach (var input in dataflow.Inputs)
            {
                inputs++;
                pending.Push(input);
            }

            if (inputs == 0)
            {
                return true;
            }
        }

        return false;
    }
}
