using RxStreams.Diagnostics;

namespace RxStreams.Time;

/// <summary>The valve's inputs as a <see cref="WindowExplainer"/> reads them.</summary>
internal sealed partial class WatermarkValve
{
    /// <summary>The state of every input channel now.</summary>
    public MergeChannel[] Channels()
    {
        var channels = new MergeChannel[_watermarks.Length];
        for (var i = 0; i < channels.Length; i++)
        {
            channels[i] = new MergeChannel(_watermarks[i], _idle[i], _aligned[i]);
        }

        return channels;
    }
}
