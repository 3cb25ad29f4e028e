using System;

namespace RxStreams.Nexmark.Queries;

/// <summary>A bidder's session: the output of q11.</summary>
/// <param name="Bidder">The bidder.</param>
/// <param name="Bids">The number of bids in the session.</param>
/// <param name="SessionStart">The time of the session's first bid.</param>
/// <param name="SessionEnd">The time of its last bid plus the gap.</param>
public readonly record struct UserSession(long Bidder, long Bids, long SessionStart, long SessionEnd) : IFingerprint
{
    /// <inheritdoc />
    public long Fingerprint() => Mix.Of(Bidder, Bids, SessionStart, SessionEnd);
}

/// <summary>
/// Nexmark q11, user sessions: per bidder, event-time sessions of bids separated by less than or exactly
/// <see cref="Gap"/> (a bid at <c>t</c> opens <c>[t, t + gap)</c>, and windows that overlap or touch merge), with the
/// number of bids in each; emitted when the watermark reaches the session's end.
/// </summary>
public static class Q11UserSessions
{
    /// <summary>The inactivity that ends a session.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromSeconds(10);

    /// <summary>On RxStreams: session windows per bidder with <c>Count</c>.</summary>
    /// <param name="events">The event-time stream of all events.</param>
    public static IObservable<StreamElement<UserSession>> RxStreams(IObservable<StreamElement<Event>> events)
    {
        var bids = from e in events
                   where e.Kind == EventKind.Bid
                   select e.Bid;
        return bids
            .KeyBy(bid => bid.Bidder)
            .Window(EventTimeSessionWindows.WithGap(Gap))
            .Count()
            .Select(r => new UserSession(r.Key, r.Value, r.Window.Start, r.Window.End));
    }
}
