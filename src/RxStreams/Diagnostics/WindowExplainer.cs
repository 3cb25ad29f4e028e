using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Threading;
using RxStreams.Diagnostics;

namespace RxStreams;

/// <summary>
/// Answers "why hasn't my window fired?" for a running pipeline. Attach it with <c>WithExplainer</c> on the
/// pipeline's output; every subscription of that stream then lets the explainer read its operators: the watermark at
/// each one, which input of a merge holds the watermark back (a source that is silent, slow, or whose out-of-orderness
/// bound is large), the windows waiting and the watermark each needs. <see cref="Explain"/> reports it, with what would
/// release the windows.
/// </summary>
/// <remarks>
/// Nothing of this costs anything in a pipeline that has no explainer. With one, each <c>WithEventTime</c> reads the
/// explainer's clock once per record, to tell how long ago its last record came. The explainer covers the latest
/// subscription of the stream it is attached to, in one task (the operators inside a <c>ParallelStream.Apply</c> are
/// not read). It reads the operators without stopping them: on a pipeline running on other threads a report is a
/// snapshot taken while they go on; in virtual time, or between the calls of a synchronous source, it is exact.
/// </remarks>
public sealed class WindowExplainer
{
    private static readonly AsyncLocal<WindowExplainer?> Subscribing = new();

    private readonly object _gate = new();
    private List<LiveOperator> _probes = [];
    private object? _stream;

    /// <summary>Creates an explainer.</summary>
    /// <param name="clock">The processing-time clock that tells how long ago each source's last record came (a <c>TestScheduler</c> in tests).</param>
    /// <param name="silentAfter">
    /// How long a source may go without records before it counts as silent (stopped, rather than slow); 10 s when null.
    /// </param>
    public WindowExplainer(IScheduler clock, TimeSpan? silentAfter = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (silentAfter <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(silentAfter), silentAfter, "The silence threshold must be positive.");
        }

        Clock = clock;
        SilentAfter = silentAfter ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>The processing-time clock.</summary>
    public IScheduler Clock { get; }

    /// <summary>How long a source may go without records before it counts as silent.</summary>
    public TimeSpan SilentAfter { get; }

    /// <summary>The explainer of the stream being subscribed on this logical thread, if any.</summary>
    internal static WindowExplainer? Current => Subscribing.Value;

    /// <summary>
    /// The pipeline now: every operator with its watermark, the waiting windows, and for each window operator whose
    /// earliest window waits, which input holds it back and what would release it. Before the attached stream is
    /// subscribed, the operators are listed with no watermark.
    /// </summary>
    public WindowExplanation Explain()
    {
        object? stream;
        List<LiveOperator> probes;
        lock (_gate)
        {
            stream = _stream;
            probes = _probes;
        }

        return ExplanationBuilder.Build(stream, probes, Clock.Now, SilentAfter);
    }

    /// <summary>Makes this the explainer of the operators subscribed until the returned scope is disposed.</summary>
    internal IDisposable Enter()
    {
        var previous = Subscribing.Value;
        Subscribing.Value = this;
        return Disposable.Create(() => Subscribing.Value = previous);
    }

    /// <summary>Names the stream explained; a new subscription of it replaces the operators of the previous one.</summary>
    internal void Attach(object stream, bool subscribing)
    {
        lock (_gate)
        {
            _stream = stream;
            if (subscribing)
            {
                _probes = [];
            }
        }
    }

    /// <summary>A <c>WithEventTime</c> was subscribed; returns where it notes its records.</summary>
    internal SourceActivity AddSource(object node, ISourceProbe probe)
    {
        var activity = new SourceActivity(Clock);
        Add(new LiveOperator(node, probe, activity));
        return activity;
    }

    /// <summary>A merge was subscribed.</summary>
    internal void AddMerge(object node, IMergeProbe probe) => Add(new LiveOperator(node, probe, null));

    /// <summary>A window operator was subscribed.</summary>
    internal void AddWindows(object node, IWindowProbe probe) => Add(new LiveOperator(node, probe, null));

    private void Add(LiveOperator live)
    {
        lock (_gate)
        {
            // Copy on write: Explain reads the list outside the lock.
            _probes = [.. _probes, live];
        }
    }
}
