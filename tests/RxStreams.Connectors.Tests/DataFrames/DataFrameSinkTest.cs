using System.Reactive.Subjects;
using RxStreams.Interactive.DataFrames;
using RxStreams.Sinks;

namespace RxStreams.Tests.Connectors.DataFrames;

/// <summary>The DataFrame sink collects rows for a notebook, one column per member.</summary>
public class DataFrameSinkTest
{
    internal readonly record struct Reading(string Sensor, double Value);

    [Fact]
    public void RowsBecomeADataFrameWithAColumnPerMember()
    {
        var sink = new DataFrameSink<Reading>(new SinkOptions { BatchSize = 2, BatchLatency = TimeSpan.Zero });
        var input = new Subject<StreamElement<Reading>>();
        var output = new Collector<StreamElement<Reading>>();
        input.SinkTo(sink).Subscribe(output);

        input.OnNext(StreamElement.Record(new Reading("a", 1.5), 1));
        input.OnNext(StreamElement.Record(new Reading("b", 2.5), 2));
        input.OnNext(StreamElement.Record(new Reading("c", 3.5), 3));
        Assert.Equal(2, sink.Count);
        input.OnCompleted();

        var frame = sink.ToDataFrame();
        Assert.Equal(["Sensor", "Value"], frame.Columns.Select(c => c.Name));
        Assert.Equal(["a", "b", "c"], frame.Columns["Sensor"].Cast<string>());
        Assert.Equal([1.5, 2.5, 3.5], frame.Columns["Value"].Cast<double?>().Select(v => v!.Value));
        Assert.Equal(SinkGuarantee.AtLeastOnce, sink.Guarantee);
        Assert.True(output.Completed);

        sink.Clear();
        Assert.Equal(0, sink.ToDataFrame().Rows.Count);
    }
}
