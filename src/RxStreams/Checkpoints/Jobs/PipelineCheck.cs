using System;
using System.Collections.Generic;
using RxStreams.Graph;

namespace RxStreams.Checkpoints;

/// <summary>
/// Refuses, at job start, a pipeline whose state or input position a checkpoint cannot see: a plain Rx operator or
/// observable anywhere upstream of the output, or an RxStreams operator whose state is not checkpointed
/// (<see cref="Operators.IUncheckpointedState"/>: the event-time Count, Take, Distinct, Scan, ...), in single-task and
/// parallel pipelines alike (other RxStreams operators and replayable sources are known; anything else is not).
/// </summary>
internal static class PipelineCheck
{
    public static void ThrowIfUncheckpointable(object output)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(output);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!seen.Add(node) || IsReplayableSource(node) || IsAccepted(node))
            {
                continue;
            }

            if (node is IGraphDescribable parallel)
            {
                // A parallel pipeline: check what its tasks' segments read, back to its sources.
                var graph = new GraphBuilder();
                parallel.Describe(graph);
                foreach (var opaque in graph.Opaque)
                {
                    pending.Push(opaque);
                }

                continue;
            }

            if (node is not IDataflowNode dataflow || node is Operators.IUncheckpointedState)
            {
                throw new InvalidOperationException(
                    $"The checkpointed pipeline reads {Describe(node)}, whose state or input position a checkpoint cannot see, so a restart would lose or repeat its records. " +
                    "Build the job from ReplayableSource inputs and RxStreams operators, or accept that part with .Uncheckpointed(\"why\") after it.");
            }

            foreach (var input in dataflow.Inputs)
            {
                pending.Push(input);
            }
        }
    }

    /// <summary>A part the user accepted as not checkpointed (<c>.Uncheckpointed(reason)</c>): not looked behind.</summary>
    private static bool IsAccepted(object node)
    {
        var type = node.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(UncheckpointedStream<>);
    }

    private static bool IsReplayableSource(object node)
    {
        for (var type = node.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ReplayableSource<>))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(object node)
    {
        var type = node.GetType();
        var name = type.DeclaringType is { } outer ? $"{Plain(outer.Name)}.{Plain(type.Name)}" : Plain(type.Name);
        return $"'{name}' ({type.Namespace})";

        static string Plain(string name) => name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? name[..tick] : name;
    }
}
