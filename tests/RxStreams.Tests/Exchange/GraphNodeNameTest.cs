using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams.Graph;

namespace RxStreams.Tests.Exchange;

/// <summary>Graph nodes of plain Rx.NET operators are named after the operator the user wrote, not its internal producer.</summary>
public class GraphNodeNameTest
{
    public static TheoryData<string, object> Sources() => new()
    {
        { "Rx.ToObservable", new[] { 1, 2 }.ToObservable() },
        { "Rx.ToObservable", new[] { 1, 2 }.ToObservable(Scheduler.Immediate) },
        { "Rx.Range", Observable.Range(1, 2) },
        { "Rx.Interval", Observable.Interval(TimeSpan.FromSeconds(1)) },
        { "Rx.Timer", Observable.Timer(TimeSpan.FromSeconds(1)) },
        { "Rx.SelectMany", Observable.Range(1, 2).SelectMany(i => Observable.Return(i)) },
        { "Rx.Select", Observable.Range(1, 2).Select(i => i) },
        { "Rx.Subject", new Subject<int>() },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void A_plain_rx_observable_is_named_after_its_operator(string expected, object observable) =>
        Assert.Equal(expected, GraphBuilder.Describe(observable));

    [Fact]
    public void An_observable_of_another_library_keeps_its_type_name() =>
        Assert.Equal("List", GraphBuilder.Describe(new List<int>()));
}
