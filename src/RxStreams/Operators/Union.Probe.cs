using RxStreams.Diagnostics;

namespace RxStreams.Operators;

/// <summary>What a running <c>Union</c> shows a <see cref="WindowExplainer"/>: its valve, read under its gate.</summary>
internal sealed partial class Union<T>
{
    private sealed partial class Sink : IMergeProbe
    {
        long IMergeProbe.Watermark
        {
            get
            {
                lock (Gate)
                {
                    return _valve.Output;
                }
            }
        }

        MergeChannel[] IMergeProbe.Channels()
        {
            lock (Gate)
            {
                return _valve.Channels();
            }
        }
    }
}
