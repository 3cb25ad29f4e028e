using System;
using System.Collections.Generic;
using RxStreams.Graph;

namespace RxStreams.Diagnostics;

/// <summary>
/// Builds a <see cref="WindowExplanation"/>: walks the explained stream's dataflow graph, reads the operators that
/// registered with the explainer, and infers the watermark of the others from their inputs.
/// </summary>
internal sealed class ExplanationBuilder
{
    private readonly DataflowGraph _graph;
    private readonly GraphBuilder _builder;
    private readonly LiveOperator?[] _live;
    private readonly List<int>[] _inputs;
    private readonly OperatorExplanation?[] _operators;
    private readonly DateTimeOffset _now;

    private ExplanationBuilder(object stream, IReadOnlyList<LiveOperator> live, DateTimeOffset now)
    {
        _now = now;
        _builder = new GraphBuilder();
        _builder.Walk(stream, 1);
        _graph = _builder.Build();
        var count = _graph.Nodes.Count;
        _live = new LiveOperator?[count];
        foreach (var op in live)
        {
            if (_builder.TryGetId(op.Node, out var id))
            {
                _live[id] = op;
            }
        }

        _inputs = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            _inputs[i] = [];
        }

        foreach (var edge in _graph.Edges)
        {
            _inputs[edge.To].Add(edge.From);
        }

        _operators = new OperatorExplanation?[count];
    }

    public static WindowExplanation Build(object? stream, IReadOnlyList<LiveOperator> live, DateTimeOffset now, TimeSpan silentAfter)
    {
        if (stream is null)
        {
            return new WindowExplanation(now, [], [], new DataflowGraph([], []));
        }

        var builder = new ExplanationBuilder(stream, live, now);
        var operators = new OperatorExplanation[builder._operators.Length];
        for (var id = 0; id < operators.Length; id++)
        {
            operators[id] = builder.Explain(id);
        }

        return new WindowExplanation(now, operators, HoldAnalysis.Find(operators, builder._live, silentAfter), builder._graph);
    }

    private OperatorExplanation Explain(int id)
    {
        if (_operators[id] is { } done)
        {
            return done;
        }

        var node = _graph.Nodes[id];
        var live = _live[id];
        var uid = live is { Node: Checkpoints.IOperatorIdentity identity } ? identity.Uid : null;
        OperatorExplanation result = live?.Probe switch
        {
            ISourceProbe source => new(id, node.Name, uid, source.Watermark, Passive(id), Source(source, live.Value.Activity!), []),
            IMergeProbe merge => new(id, node.Name, uid, merge.Watermark, Channels(id, live.Value.Node, merge), null, []),
            IWindowProbe windows => new(id, node.Name, uid, windows.Watermark, Inferred(id, out _), null, Windows(windows)),
            _ => Other(id, node.Name, uid),
        };
        _operators[id] = result;
        return result;
    }

    private OperatorExplanation Other(int id, string name, string? uid)
    {
        var inputs = Inferred(id, out var watermark);
        return new OperatorExplanation(id, name, uid, watermark, inputs, null, []);
    }

    /// <summary>The inputs of a source: not in event time yet, so none holds anything back.</summary>
    private InputExplanation[] Passive(int id) => _inputs[id].ConvertAll(from => new InputExplanation(from, null, false, false)).ToArray();

    /// <summary>The inputs with their own watermarks; the lowest known one holds <paramref name="watermark"/>, theirs.</summary>
    private InputExplanation[] Inferred(int id, out long? watermark)
    {
        var inputs = _inputs[id];
        var lowest = -1;
        watermark = null;
        var watermarks = new long?[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            watermarks[i] = Explain(inputs[i]).Watermark;
            if (watermarks[i] is { } w && (watermark is null || w < watermark))
            {
                watermark = w;
                lowest = i;
            }
        }

        var result = new InputExplanation[inputs.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new InputExplanation(inputs[i], watermarks[i], false, i == lowest);
        }

        return result;
    }

    /// <summary>A merge's inputs as its valve sees them, in the order of its inputs.</summary>
    private InputExplanation[] Channels(int id, object node, IMergeProbe merge)
    {
        foreach (var input in _inputs[id])
        {
            Explain(input);
        }

        var channels = merge.Channels();
        var sources = node is IDataflowNode dataflow ? new List<object>(dataflow.Inputs) : [];
        var lowest = -1;
        for (var i = 0; i < channels.Length; i++)
        {
            if (channels[i].Counts && (lowest < 0 || channels[i].Watermark < channels[lowest].Watermark))
            {
                lowest = i;
            }
        }

        var result = new InputExplanation[channels.Length];
        for (var i = 0; i < channels.Length; i++)
        {
            var from = i < sources.Count && _builder.TryGetId(sources[i], out var known) ? known : -1;
            result[i] = new InputExplanation(from, channels[i].Watermark, channels[i].IsIdle, i == lowest);
        }

        return result;
    }

    private SourceExplanation Source(ISourceProbe source, SourceActivity activity)
    {
        var records = activity.Records;
        return new SourceExplanation(
            records,
            records == 0 ? null : activity.Newest,
            source.Bound is { } bound ? TimeSpan.FromMilliseconds(bound) : null,
            source.IdleTimeout,
            source.IsIdle,
            source.IsCompleted,
            records == 0 ? null : _now - new DateTimeOffset(activity.LastRecordTicks, TimeSpan.Zero));
    }

    /// <summary>The windows holding state, over all keys, earliest end first.</summary>
    private static WaitingWindow[] Windows(IWindowProbe probe)
    {
        var slots = new List<WindowSlot>();
        probe.AddWindows(slots);
        var keys = new Dictionary<WindowSlot, int>();
        foreach (var slot in slots)
        {
            keys[slot] = keys.GetValueOrDefault(slot) + 1;
        }

        var lateness = probe.AllowedLateness;
        var windows = new List<WaitingWindow>(keys.Count);
        foreach (var (slot, count) in keys)
        {
            var end = slot.Window.End;
            windows.Add(new WaitingWindow(
                slot.Window,
                count,
                slot.Fired,
                probe.FiresAtEnd && !slot.Fired ? end : null,
                probe.IsEventTime ? EventTime.Add(end, lateness) : null));
        }

        windows.Sort(static (a, b) =>
            a.Window.End != b.Window.End ? a.Window.End.CompareTo(b.Window.End)
            : a.Window.Start != b.Window.Start ? a.Window.Start.CompareTo(b.Window.Start)
            : a.Fired.CompareTo(b.Fired));
        return windows.ToArray();
    }
}
