namespace RxStreams.Windows.Functions;

/// <summary>The window operator as a window function's output while a window fires (or is freed).</summary>
internal interface IWindowOutput<in TResult>
{
    long CurrentWatermark { get; }

    long CurrentProcessingTime { get; }

    /// <summary>Emits one result of the firing window; an observer's exception comes back as a <see cref="Processing.DownstreamFailure"/>.</summary>
    void Collect(TResult value);
}
