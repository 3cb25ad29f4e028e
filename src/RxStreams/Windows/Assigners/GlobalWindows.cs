using System.Collections.Generic;

namespace RxStreams;

/// <summary>
/// One window per key spanning all of time; it fires only by its trigger (by default never), so it is used with a
/// count or custom trigger. Count windows are global windows with a count trigger.
/// </summary>
public sealed class GlobalWindows : WindowAssigner
{
    private static readonly GlobalAssignment Assignment = new();

    private readonly bool _endOfStream;

    private GlobalWindows(bool endOfStream = false) => _endOfStream = endOfStream;

    /// <summary>The global window assigner.</summary>
    public static GlobalWindows Create() => new();

    /// <summary>Global windows that fire once, when the input ends (Flink's <c>createWithEndOfStreamTrigger</c>).</summary>
    public static GlobalWindows CreateWithEndOfStreamTrigger() => new(endOfStream: true);

    /// <inheritdoc />
    public override bool IsEventTime => true;

    /// <inheritdoc />
    public override WindowTrigger DefaultTrigger => _endOfStream ? WindowTrigger.EndOfStream() : WindowTrigger.Never();

    internal override IWindowAssignment<T> Bind<T>() => new TimestampAssignment<T>(Assignment);

    private sealed class GlobalAssignment : TimestampAssignment
    {
        public override void Assign(long timestamp, List<TimeWindow> windows) => windows.Add(TimeWindow.Global);
    }
}
