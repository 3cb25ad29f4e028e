using System.Threading.Tasks;

namespace RxStreams.Analyzers.Tests;

/// <summary>
/// RXS0001/RXS0002: which calls on event-time streams the analyzer flags, with the exact message, and which it leaves
/// alone (RxStreams' own operators, element-neutral Rx operators, plain observables).
/// </summary>
public class PlainRxOperatorAnalyzerTest
{
    private const string Usings = """
        using System;
        using System.Reactive.Linq;
        using System.Reactive.Subjects;
        using RxStreams;

        """;

    [Fact]
    public Task RxStreamsOperatorsChosenByOverloadResolutionAreNotFlagged() => Verify.AnalyzerAsync(Usings + """
        namespace App;

        static class Pipeline
        {
            static void Build(IObservable<StreamElement<int>> s)
            {
                s.Count().Subscribe();
                s.Take(3).Skip(1).Distinct().Buffer(2).Subscribe();
                s.Where(x => x > 1).Scan(0, (a, x) => a + x).Subscribe();
                s.Values().Throttle(TimeSpan.FromSeconds(1)).Count().Subscribe();
            }
        }
        """);

    [Fact]
    public Task ElementNeutralRxOperatorsAreNotFlagged() => Verify.AnalyzerAsync(Usings + """
        namespace App;

        static class Pipeline
        {
            static void Build(IObservable<StreamElement<int>> s) =>
                s.Synchronize().Do(e => Console.WriteLine(e.Kind)).Publish().RefCount().AsObservable().Subscribe();
        }
        """);

    [Fact]
    public Task AnRxWhereOnElementsIsFlaggedNamingTheEventTimeVersion() => Verify.AnalyzerAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static IObservable<StreamElement<int>> Build(IObservable<StreamElement<int>> s) => s.{|#0:Where|}(e => e.IsRecord);
        }
        """,
        Verify.Diagnostic("RXS0001").WithArguments(
            "Where",
            "IObservable<StreamElement<int>>",
            "use RxStreams' event-time Where (import the RxStreams namespace; where a lambda also fits StreamElement, type its parameter as int), or call .Values() first to work on plain values"));

    [Fact]
    public Task AnRxOperatorWithoutAnEventTimeVersionOnASubjectIsFlagged() => Verify.AnalyzerAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static void Build(Subject<StreamElement<string>> s) => s.{|#0:ToList|}().Subscribe();
        }
        """,
        Verify.Diagnostic("RXS0001").WithArguments(
            "ToList",
            "Subject<StreamElement<string>>",
            "call .Values() first to work on plain values, or use an RxStreams operator (windows, KeyBy, Process)"));

    [Fact]
    public Task AStaticCallOfAnRxOperatorIsFlagged() => Verify.AnalyzerAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static void Build(IObservable<StreamElement<int>> s) => Observable.{|#0:ToList|}(s).Subscribe();
        }
        """,
        Verify.Diagnostic("RXS0001").WithArguments(
            "ToList",
            "IObservable<StreamElement<int>>",
            "call .Values() first to work on plain values, or use an RxStreams operator (windows, KeyBy, Process)"));

    [Fact]
    public Task AStaticOperatorTakingEventTimeStreamsAsArgumentsIsFlagged() => Verify.AnalyzerAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static void Build(IObservable<StreamElement<int>> a, IObservable<StreamElement<int>> b) => Observable.{|#0:Concat|}(a, b).Subscribe();
        }
        """,
        Verify.Diagnostic("RXS0001").WithArguments(
            "Concat",
            "IObservable<StreamElement<int>>",
            "call .Values() first to work on plain values, or use an RxStreams operator (windows, KeyBy, Process)"));

    [Fact]
    public Task AKeyedStreamIsAnEventTimeStream() => Verify.AnalyzerAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static void Build(IObservable<StreamElement<string>> s) => s.KeyBy(v => v.Length).{|#0:ToArray|}().Subscribe();
        }
        """,
        Verify.Diagnostic("RXS0001").WithArguments(
            "ToArray",
            "KeyedStream<int, string>",
            "call .Values() first to work on plain values, or use an RxStreams operator (windows, KeyBy, Process)"));

    [Fact]
    public Task AGroupByInQuerySyntaxIsFlagged() => Verify.AnalyzerAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static void Build(IObservable<StreamElement<string>> s) => (from e in s {|#0:group e by e.Kind|}).Subscribe();
        }
        """,
        Verify.Diagnostic("RXS0001").WithArguments(
            "GroupBy",
            "IObservable<StreamElement<string>>",
            "use RxStreams' event-time GroupBy (import the RxStreams namespace; where a lambda also fits StreamElement, type its parameter as string), or call .Values() first to work on plain values"));

    [Fact]
    public Task ProcessingTimeOperatorsAreFlaggedPointingAtWindows() => Verify.AnalyzerAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static void Build(IObservable<StreamElement<int>> s) => s.{|#0:Throttle|}(TimeSpan.FromSeconds(1)).Subscribe();
        }
        """,
        Verify.Diagnostic("RXS0002").WithArguments("Throttle", "IObservable<StreamElement<int>>"));

    [Fact]
    public Task TakeByTimeIsAProcessingTimeOperator() => Verify.AnalyzerAsync(
        Usings + """
        namespace App;

        static class Pipeline
        {
            static void Build(IObservable<StreamElement<int>> s) => s.{|#0:Take|}(TimeSpan.FromSeconds(1)).Subscribe();
        }
        """,
        Verify.Diagnostic("RXS0002").WithArguments("Take", "IObservable<StreamElement<int>>"));

    [Fact]
    public Task PlainObservablesAreNotFlagged() => Verify.AnalyzerAsync(Usings + """
        namespace App;

        static class Pipeline
        {
            static void Build(IObservable<int> s, IObservable<StreamElement<int>> events) =>
                s.Throttle(TimeSpan.FromSeconds(1)).Zip(events, (a, b) => a).ToList().Subscribe();
        }
        """);

    [Fact]
    public Task ASuppressedDiagnosticIsNotReported() => Verify.AnalyzerAsync(Usings + """
        namespace App;

        static class Pipeline
        {
        #pragma warning disable RXS0001 // This pipeline counts every element on purpose.
            static void Build(IObservable<StreamElement<int>> s) => s.Materialize().ToList().Subscribe();
        #pragma warning restore RXS0001
        }
        """);
}
