using System;
using System.Collections.Generic;
using RxStreams.Diagnostics;

namespace RxStreams;

/// <summary>What a <see cref="WindowExplainer"/> found: the operators now, and why each window operator's earliest window waits.</summary>
/// <param name="Time">The explainer's clock when it looked.</param>
/// <param name="Operators">Every operator of the pipeline, sources first, as in its dataflow graph (same ids).</param>
/// <param name="Holds">For each window operator with windows waiting to fire, what holds the earliest one back.</param>
/// <param name="Graph">The pipeline's dataflow graph, whose node ids the report uses.</param>
public sealed record WindowExplanation(DateTimeOffset Time, IReadOnlyList<OperatorExplanation> Operators, IReadOnlyList<WatermarkHold> Holds, DataflowGraph Graph)
{
    /// <summary>True when the explained stream has been subscribed (its operators report a watermark).</summary>
    public bool IsRunning => System.Linq.Enumerable.Any(Operators, o => o.Watermark is not null);

    /// <summary>The operator with node id <paramref name="id"/>.</summary>
    /// <param name="id">Its id in the dataflow graph.</param>
    public OperatorExplanation Operator(int id) => Operators[id];

    /// <summary>The report as text: the holds with their suggestions first, then every operator.</summary>
    public override string ToString() => ExplanationText.Format(this);
}
