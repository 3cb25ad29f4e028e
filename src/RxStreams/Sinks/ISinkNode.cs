namespace RxStreams.Sinks;

/// <summary>A pipeline's end in a sink, as a walk over the dataflow graph finds it (to check a job's delivery guarantee).</summary>
internal interface ISinkNode
{
    /// <summary>The sink's name.</summary>
    string SinkName { get; }

    /// <summary>What the sink promises.</summary>
    SinkGuarantee Guarantee { get; }
}
