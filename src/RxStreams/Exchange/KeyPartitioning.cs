using System.Collections.Generic;
using RxStreams.Graph;
using RxStreams.Keyed;

namespace RxStreams.Exchanges;

/// <summary>
/// Checks that the keyed operators of a segment behind a hash exchange compare keys as the exchange partitions them:
/// keys a custom comparer calls equal ("a" and "A") must reach the same task, which only the same comparer guarantees.
/// </summary>
internal static class KeyPartitioning
{
    /// <summary>Throws <see cref="KeyPartitioningException"/> when a keyed operator between <paramref name="input"/> and <paramref name="output"/> uses a comparer the exchange does not.</summary>
    public static void Check(HashExchange exchange, object output, object input, int task)
    {
        var pending = new Stack<object>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        pending.Push(output);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (ReferenceEquals(node, input) || !seen.Add(node) || node is not IDataflowNode dataflow)
            {
                continue;
            }

            if (node is IKeyedNode { CustomComparer: { } comparer } keyed && !Equals(comparer, exchange.Comparer))
            {
                throw new KeyPartitioningException(keyed.Name, comparer, exchange.Comparer, task);
            }

            foreach (var upstream in dataflow.Inputs)
            {
                pending.Push(upstream);
            }
        }
    }
}
