using System.Collections.Generic;

namespace RxStreams.Graph;

/// <summary>An observable that knows its place in a dataflow graph: its operator name and its inputs.</summary>
internal interface IDataflowNode
{
    /// <summary>The operator name shown in graphs.</summary>
    string NodeName { get; }

    /// <summary>The observables this one subscribes to.</summary>
    IEnumerable<object> Inputs { get; }
}
