namespace RxStreams.Diagnostics;

/// <summary>An operator of the explained subscription: its observable (its node in the graph) and what it shows.</summary>
/// <param name="Node">The observable the operator was subscribed through.</param>
/// <param name="Probe">An <see cref="ISourceProbe"/>, <see cref="IMergeProbe"/> or <see cref="IWindowProbe"/>.</param>
/// <param name="Activity">For a source, its records as the explainer noted them.</param>
internal readonly record struct LiveOperator(object Node, object Probe, SourceActivity? Activity);
