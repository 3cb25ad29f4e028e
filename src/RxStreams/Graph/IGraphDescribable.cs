using System.Collections.Generic;

namespace RxStreams.Graph;

/// <summary>An observable that adds itself and its upstream to a graph on its own terms (a merged parallel stage).</summary>
internal interface IGraphDescribable
{
    /// <summary>Adds the nodes and edges; returns the id(s) of this stream's output node(s).</summary>
    IReadOnlyList<int> Describe(GraphBuilder graph);
}
