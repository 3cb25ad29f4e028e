using System.Threading.Tasks;

namespace RxStreams.Analyzers.Tests;

/// <summary>The code fixes for RXS0001/RXS0002 produce exactly the expected code, which then raises no diagnostic.</summary>
public class PlainRxOperatorCodeFixTest
{
    private const string Usings = """
        using System;
        using System.Reactive.Linq;
        using RxStreams;

        """;

    [Fact]
    public Task ValuesIsInsertedBeforeTheOperator() => Verify.CodeFixAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static object Build(IObservable<StreamElement<int>> s) => s.{|#0:ToList|}();
        }
        """,
        Verify.Diagnostic("RXS0001").WithArguments("ToList", "IObservable<StreamElement<int>>", "call .Values() first to work on plain values, or use an RxStreams operator (windows, KeyBy, Process)"),
        Usings + """
        namespace App;

        static class Pipeline
        {
            static object Build(IObservable<StreamElement<int>> s) => s.Values().ToList();
        }
        """,
        "InsertValuesAsync");

    [Fact]
    public Task ValuesIsInsertedBeforeAProcessingTimeOperator() => Verify.CodeFixAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static object Build(IObservable<StreamElement<int>> s) => s.{|#0:Sample|}(TimeSpan.FromSeconds(1));
        }
        """,
        Verify.Diagnostic("RXS0002").WithArguments("Sample", "IObservable<StreamElement<int>>"),
        Usings + """
        namespace App;

        static class Pipeline
        {
            static object Build(IObservable<StreamElement<int>> s) => s.Values().Sample(TimeSpan.FromSeconds(1));
        }
        """,
        "InsertValuesAsync");

    [Fact]
    public Task ValuesWrapsTheStreamOfAStaticCall() => Verify.CodeFixAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static object Build(IObservable<StreamElement<int>> s) => Observable.{|#0:ToList|}(s);
        }
        """,
        Verify.Diagnostic("RXS0001").WithArguments("ToList", "IObservable<StreamElement<int>>", "call .Values() first to work on plain values, or use an RxStreams operator (windows, KeyBy, Process)"),
        Usings + """
        namespace App;

        static class Pipeline
        {
            static object Build(IObservable<StreamElement<int>> s) => Observable.ToList(s.Values());
        }
        """,
        "InsertValuesAsync");

    [Fact]
    public Task TheUsingForValuesIsAddedWhenMissing() => Verify.CodeFixAsync(
        """
        using System;
        using System.Reactive.Linq;

        namespace App;

        static class Pipeline
        {
            static object Build(IObservable<RxStreams.StreamElement<int>> s) => s.{|#0:Count|}();
        }
        """,
        Verify.Diagnostic("RXS0001").WithArguments("Count", "IObservable<RxStreams.StreamElement<int>>", "use RxStreams' event-time Count (import the RxStreams namespace; where a lambda also fits StreamElement, type its parameter as int), or call .Values() first to work on plain values"),
        """
        using System;
        using System.Reactive.Linq;
        using RxStreams;

        namespace App;

        static class Pipeline
        {
            static object Build(IObservable<RxStreams.StreamElement<int>> s) => s.Values().Count();
        }
        """,
        "InsertValuesAsync");

    [Fact]
    public Task TypingTheLambdaParameterChoosesTheEventTimeSelect() => Verify.CodeFixAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static object Build(IObservable<StreamElement<int>> s) => s.{|#0:Select|}(x => x.ToString());
        }
        """,
        Verify.Diagnostic("RXS0001").WithArguments("Select", "IObservable<StreamElement<int>>", "use RxStreams' event-time Select (import the RxStreams namespace; where a lambda also fits StreamElement, type its parameter as int), or call .Values() first to work on plain values"),
        Usings + """
        namespace App;

        static class Pipeline
        {
            static object Build(IObservable<StreamElement<int>> s) => s.Select((int x) => x.ToString());
        }
        """,
        "TypedLambdasAsync");
}
