using System.Collections.Generic;

namespace RxStreams.Graph;

/// <summary>
/// Builds a <see cref="DataflowGraph"/> by walking from a stream back to its sources through <see cref="IDataflowNode"/>
/// links. An observable that is not an RxStreams operator appears as one opaque node named after its type.
/// </summary>
internal sealed class GraphBuilder
{
    private readonly List<DataflowNode> _nodes = new();
    private readonly List<DataflowEdge> _edges = new();
    private readonly Dictionary<object, int> _ids = new(ReferenceEqualityComparer.Instance);

    /// <summary>Where a walk stops: a placeholder input mapped to the node ids that feed it and the edge label.</summary>
    private readonly Dictionary<object, (IReadOnlyList<int> From, string Exchange)> _boundaries = new(ReferenceEqualityComparer.Instance);

    /// <summary>The observables walked that are not RxStreams operators (their upstream is unknown), in walk order.</summary>
    public List<object> Opaque { get; } = new();

    public DataflowGraph Build() => new(_nodes.ToArray(), _edges.ToArray());

    /// <summary>Declares that walking into <paramref name="placeholder"/> means an edge from <paramref name="from"/>.</summary>
    public void AddBoundary(object placeholder, IReadOnlyList<int> from, string exchange) => _boundaries[placeholder] = (from, exchange);

    /// <summary>Adds a node with no observable behind it (an exchange target, a merge).</summary>
    public int AddNode(string name, int parallelism)
    {
        var id = _nodes.Count;
        _nodes.Add(new DataflowNode(id, name, parallelism));
        return id;
    }

    public void AddEdge(int from, int to, string exchange) => _edges.Add(new DataflowEdge(from, to, exchange));

    /// <summary>The node id of an observable walked so far (an operator, or an opaque source), when it has one.</summary>
    public bool TryGetId(object stream, out int id) => _ids.TryGetValue(stream, out id);

    /// <summary>The node of <paramref name="stream"/> and everything upstream of it; returns its id(s).</summary>
    public IReadOnlyList<int> Walk(object stream, int parallelism)
    {
        if (_boundaries.TryGetValue(stream, out var boundary))
        {
            return boundary.From;
        }

        if (_ids.TryGetValue(stream, out var known))
        {
            return [known];
        }

        if (stream is IGraphDescribable describable)
        {
            var ids = describable.Describe(this);
            if (ids.Count == 1)
            {
                _ids[stream] = ids[0];
            }

            return ids;
        }

        string name;
        IEnumerable<object> inputs;
        if (stream is IDataflowNode node)
        {
            name = node.NodeName;
            inputs = node.Inputs;
            if (stream is Operators.IUncheckpointedState)
            {
                Opaque.Add(stream);
            }
        }
        else
        {
            name = Describe(stream);
            inputs = [];
            Opaque.Add(stream);
        }

        var upstream = new List<(int From, string Exchange)>();
        foreach (var input in inputs)
        {
            var label = _boundaries.TryGetValue(input, out var b) ? b.Exchange : "forward";
            foreach (var from in Walk(input, parallelism))
            {
                upstream.Add((from, label));
            }
        }

        var id = AddNode(name, parallelism);
        _ids[stream] = id;
        foreach (var (from, exchange) in upstream)
        {
            AddEdge(from, id, exchange);
        }

        return [id];
    }

    /// <summary>
    /// The node name of an observable that is not an RxStreams operator: for Rx.NET's own operators the public operator
    /// the user wrote (<c>Rx.ToObservable</c>, not the producer <c>Rx.ToObservableRecursive</c>), else the type's name.
    /// </summary>
    internal static string Describe(object stream)
    {
        var type = stream.GetType();

        // Rx.NET nests an operator's producers in a class named after the operator (Select<,>.Selector, Timer.Periodic.Relative).
        var outer = type;
        var periodic = false;
        while (outer.IsNested && outer.DeclaringType is { } declaring)
        {
            periodic |= outer.Name.StartsWith("Periodic", System.StringComparison.Ordinal);
            outer = declaring;
        }

        var name = WithoutArity(outer.Name);
        if (type.Namespace?.StartsWith("System.Reactive", System.StringComparison.Ordinal) != true)
        {
            return name;
        }

        // Producers named after a scheduling strategy (ToObservableRecursive, RangeLongRunning) implement one operator.
        foreach (var strategy in RxStrategies)
        {
            if (name.Length > strategy.Length && name.EndsWith(strategy, System.StringComparison.Ordinal))
            {
                name = name[..^strategy.Length];
                break;
            }
        }

        return "Rx." + (name == "Timer" && periodic ? "Interval" : name);
    }

    private static readonly string[] RxStrategies = ["Recursive", "LongRunning"];

    private static string WithoutArity(string name)
    {
        var tick = name.IndexOf('`', System.StringComparison.Ordinal);
        return tick > 0 ? name[..tick] : name;
    }
}
