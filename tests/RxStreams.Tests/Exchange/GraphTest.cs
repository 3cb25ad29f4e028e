using System.Threading;
using System.Threading.Tasks;
using System.Reactive.Subjects;
using RxStreams;

namespace RxStreams.Tests.Exchange;

/// <summary>A built pipeline describes itself as a dataflow graph, exported as Mermaid and Graphviz DOT text.</summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class GraphTest
{
    /// <summary>A source whose operator name is stable: Rx's subject (Rx's own operators have internal class names).</summary>
    private static IObservable<StreamElement<int>> Events() =>
        new Subject<int>().WithEventTime(i => (long)i, WatermarkStrategy.ForMonotonousTimestamps());

    /// <summary>source → hash → window ×2 → rebalance → map ×3 → merge.</summary>
    private static IObservable<StreamElement<long>> TwoStagePipeline() =>
        Events()
            .PartitionByKey(x => x % 3, parallelism: 2)
            .Apply(s => s.KeyBy(x => x % 3).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1))).Count())
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 3)
            .Apply(s => s.Select(r => r.Value))
            .Merge();

    [Fact]
    public void ATwoStagePipelineAsMermaid()
    {
        Assert.Equal(
            "flowchart LR\n" +
            "    n0[\"Rx.Subject\"]\n" +
            "    n1[\"WithEventTime\"]\n" +
            "    n2[\"WindowCount ×2\"]\n" +
            "    n3[\"Select ×3\"]\n" +
            "    n4[\"Merge\"]\n" +
            "    n0 -- forward --> n1\n" +
            "    n1 -- hash --> n2\n" +
            "    n2 -- rebalance --> n3\n" +
            "    n3 -- merge --> n4\n",
            TwoStagePipeline().DescribeGraph().ToMermaid());
    }

    [Fact]
    public void ATwoStagePipelineAsDot()
    {
        Assert.Equal(
            "digraph dataflow {\n" +
            "    rankdir=LR;\n" +
            "    node [shape=box];\n" +
            "    n0 [label=\"Rx.Subject\"];\n" +
            "    n1 [label=\"WithEventTime\"];\n" +
            "    n2 [label=\"WindowCount ×2\"];\n" +
            "    n3 [label=\"Select ×3\"];\n" +
            "    n4 [label=\"Merge\"];\n" +
            "    n0 -> n1 [label=\"forward\"];\n" +
            "    n1 -> n2 [label=\"hash\"];\n" +
            "    n2 -> n3 [label=\"rebalance\"];\n" +
            "    n3 -> n4 [label=\"merge\"];\n" +
            "}\n",
            TwoStagePipeline().DescribeGraph().ToDot());
    }

    [Fact]
    public void TheGraphHasTheNodesAndEdgesAsData()
    {
        var graph = TwoStagePipeline().DescribeGraph();
        Assert.Equal(
            [new DataflowNode(0, "Rx.Subject", 1), new DataflowNode(1, "WithEventTime", 1), new DataflowNode(2, "WindowCount", 2), new DataflowNode(3, "Select", 3), new DataflowNode(4, "Merge", 1)],
            graph.Nodes);
        Assert.Equal(
            [new DataflowEdge(0, 1, "forward"), new DataflowEdge(1, 2, "hash"), new DataflowEdge(2, 3, "rebalance"), new DataflowEdge(3, 4, "merge")],
            graph.Edges);
    }

    [Fact]
    public void ASingleTaskPipelineWithUnion()
    {
        var clicks = Events();
        var views = Events().Where(i => i > 1);
        var graph = clicks.Union(views).Select(i => i * 2).DescribeGraph();

        Assert.Equal(
            "flowchart LR\n" +
            "    n0[\"Rx.Subject\"]\n" +
            "    n1[\"WithEventTime\"]\n" +
            "    n2[\"Rx.Subject\"]\n" +
            "    n3[\"WithEventTime → Where\"]\n" +
            "    n4[\"Union\"]\n" +
            "    n5[\"Select\"]\n" +
            "    n0 -- forward --> n1\n" +
            "    n2 -- forward --> n3\n" +
            "    n1 -- forward --> n4\n" +
            "    n3 -- forward --> n4\n" +
            "    n4 -- forward --> n5\n",
            graph.ToMermaid());
    }

    [Fact]
    public void ParallelStreamGraphStopsAtTheLastStage()
    {
        var graph = Events().Partition(RxStreams.Exchange.Broadcast, parallelism: 2).Apply(s => s.Where(x => x > 3)).Graph();
        Assert.Equal(
            "digraph dataflow {\n" +
            "    rankdir=LR;\n" +
            "    node [shape=box];\n" +
            "    n0 [label=\"Rx.Subject\"];\n" +
            "    n1 [label=\"WithEventTime\"];\n" +
            "    n2 [label=\"Where ×2\"];\n" +
            "    n0 -> n1 [label=\"forward\"];\n" +
            "    n1 -> n2 [label=\"broadcast\"];\n" +
            "}\n",
            graph.ToDot());
    }
}
