using System;

namespace RxStreams.Diagnostics;

/// <summary>What a running <c>WithEventTime</c> shows a <see cref="WindowExplainer"/>: fields it keeps anyway.</summary>
internal interface ISourceProbe
{
    /// <summary>The last watermark it emitted.</summary>
    long Watermark { get; }

    /// <summary>True while it is marked idle.</summary>
    bool IsIdle { get; }

    /// <summary>True once its input ended or failed.</summary>
    bool IsCompleted { get; }

    /// <summary>Its strategy's idle timeout, or null when idleness is not configured.</summary>
    TimeSpan? IdleTimeout { get; }

    /// <summary>Its out-of-orderness bound in milliseconds, or null when its generator is not the bounded one.</summary>
    long? Bound { get; }
}
