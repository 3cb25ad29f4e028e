using System.IO;
using System.Reactive.Subjects;
using RxStreams.Sinks;
using RxStreams.Testing;

namespace RxStreams.Tests.Sinks;

/// <summary>The console sink writes a line per record, at once by default, formatted invariantly or by the user.</summary>
public class ConsoleSinkTest
{
    [Fact]
    public void EachRecordIsALineOfTheWriterAtOnce()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var input = new Subject<StreamElement<double>>();
        var output = new Collector<StreamElement<double>>();
        input.SinkTo(new ConsoleSink<double>(writer)).Subscribe(output);

        input.OnNext(StreamElement.Record(1.5, 1));
        Assert.Equal("1.5\n", writer.ToString());
        input.OnNext(StreamElement.Watermark<double>(1));
        input.OnNext(StreamElement.Record(-2.25, 2));
        input.OnCompleted();

        Assert.Equal("1.5\n-2.25\n", writer.ToString());
        Assert.Equal("W1 |", output.Describe());
    }

    [Fact]
    public void ALoggerGetsTheUsersFormat()
    {
        var lines = new List<string>();
        var input = new Subject<StreamElement<string>>();
        var sink = new ConsoleSink<string>(lines.Add, s => $"<{s}>");
        input.SinkTo(sink).Subscribe(new Collector<StreamElement<string>>());

        foreach (var element in StreamDescription.Parse("a@1 b@2"))
        {
            input.OnNext(element);
        }

        Assert.Equal(["<a>", "<b>"], lines);
        Assert.Equal(SinkGuarantee.AtLeastOnce, sink.Guarantee);
        Assert.Throws<ArgumentNullException>("log", () => new ConsoleSink<string>((Action<string>)null!));
        Assert.Throws<ArgumentNullException>("writer", () => new ConsoleSink<string>((TextWriter)null!));
    }
}
