namespace RxStreams.Interactive.Live;

/// <summary>Where a live view shows itself: one output shown once, then replaced in place.</summary>
public interface ILiveViewSink
{
    /// <summary>Shows the first state.</summary>
    /// <param name="html">The view's HTML.</param>
    /// <param name="text">The view as plain text, for frontends without HTML.</param>
    void Show(string html, string text);

    /// <summary>Replaces what <see cref="Show"/> showed.</summary>
    /// <param name="html">The view's HTML now.</param>
    /// <param name="text">The view as plain text now.</param>
    void Update(string html, string text);
}
