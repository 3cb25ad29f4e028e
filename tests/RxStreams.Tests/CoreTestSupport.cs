using System.Reactive;
using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using RxStreams.Testing;

namespace RxStreams.Tests;

/// <summary>Records what an observable emits: the items, and how it ended.</summary>
internal sealed class Collector<T> : IObserver<T>
{
    public List<T> Items { get; } = new();

    public Exception? Error { get; private set; }

    public bool Completed { get; private set; }

    public void OnNext(T value) => Items.Add(value);

    public void OnError(Exception error)
    {
        Assert.Null(Error);
        Assert.False(Completed);
        Error = error;
    }

    public void OnCompleted()
    {
        Assert.Null(Error);
        Assert.False(Completed);
        Completed = true;
    }
}

/// <summary>Helpers shared by the core tests.</summary>
internal static class CoreTestSupport
{
    /// <summary>Formats collected stream elements, with "|" for completion and "X" for an error.</summary>
    public static string Describe<T>(this Collector<StreamElement<T>> collector)
    {
        var text = StreamDescription.Format(collector.Items);
        var end = collector.Completed ? "|" : collector.Error is not null ? "X" : null;
        return end is null ? text : text.Length == 0 ? end : text + " " + end;
    }

    /// <summary>Pushes <paramref name="input"/> (and completion) through <paramref name="pipeline"/> and returns the formatted output.</summary>
    public static string Run<TOut>(string input, Func<IObservable<StreamElement<string>>, IObservable<StreamElement<TOut>>> pipeline, bool complete = false)
    {
        var subject = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<TOut>>();
        using var subscription = pipeline(subject).Subscribe(output);
        foreach (var element in StreamDescription.Parse(input))
        {
            subject.OnNext(element);
        }

        if (complete)
        {
            subject.OnCompleted();
        }

        return output.Describe();
    }

    /// <summary>As <see cref="Run{TOut}(string, Func{IObservable{StreamElement{string}}, IObservable{StreamElement{TOut}}}, bool)"/> with integer records.</summary>
    public static string RunInts<TOut>(string input, Func<IObservable<StreamElement<int>>, IObservable<StreamElement<TOut>>> pipeline, bool complete = false)
    {
        var subject = new Subject<StreamElement<int>>();
        var output = new Collector<StreamElement<TOut>>();
        using var subscription = pipeline(subject).Subscribe(output);
        foreach (var element in StreamDescription.Parse(input, int.Parse))
        {
            subject.OnNext(element);
        }

        if (complete)
        {
            subject.OnCompleted();
        }

        return output.Describe();
    }

    /// <summary>Recorded messages as "time:element", with "time:|" for completion and "time:X" for an error.</summary>
    public static string Timeline<T>(IEnumerable<Recorded<Notification<T>>> messages) =>
        string.Join(" ", messages.Select(m => m.Value.Kind switch
        {
            NotificationKind.OnNext => $"{m.Time}:{m.Value.Value}",
            NotificationKind.OnCompleted => $"{m.Time}:|",
            _ => $"{m.Time}:X",
        }));
}
