using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using RxStreams.Testing;

namespace RxStreams.Tests.Windows;

/// <summary>What a window pipeline emitted, and how it ended.</summary>
internal sealed class WindowRun<T>
{
    public List<StreamElement<T>> Elements { get; } = new();

    public Exception? Error { get; set; }

    public bool Completed { get; set; }

    public string Text => StreamDescription.Format(Elements);

    public List<T> Values => Elements.Where(e => e.IsRecord).Select(e => e.Value).ToList();
}

/// <summary>Feeds stream descriptions through window pipelines (the style of <see cref="WindowSmokeTest"/>).</summary>
internal static class WindowHarness
{
    /// <summary>Process-time base of a <see cref="TestScheduler"/>: tick 0 is 0001-01-01, in ms since the Unix epoch.</summary>
    public const long TestSchedulerEpochMs = -62135596800000;

    public static TimeSpan Ms(long ms) => TimeSpan.FromMilliseconds(ms);

    /// <summary>The key of a "key:number" record (or the whole record without a colon).</summary>
    public static string K(string record) => record.Split(':')[0];

    /// <summary>The number of a "key:number" record.</summary>
    public static int V(string record) => int.Parse(record.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Pushes the description, then completes, and returns the formatted output.</summary>
    public static string Run<TOut>(string input, Func<IObservable<StreamElement<string>>, IObservable<StreamElement<TOut>>> pipeline) =>
        Collect(input, pipeline).Text;

    /// <summary>Pushes the description (and completion, unless told not to) and returns everything observed.</summary>
    public static WindowRun<TOut> Collect<TOut>(string input, Func<IObservable<StreamElement<string>>, IObservable<StreamElement<TOut>>> pipeline, bool complete = true)
    {
        var subject = new Subject<StreamElement<string>>();
        var run = new WindowRun<TOut>();
        using var subscription = pipeline(subject).Subscribe(run.Elements.Add, e => run.Error = e, () => run.Completed = true);
        foreach (var element in StreamDescription.Parse(input))
        {
            subject.OnNext(element);
        }

        if (complete)
        {
            subject.OnCompleted();
        }

        return run;
    }

    /// <summary>Pushes each description step by step, returning the output after each step (completion after the last when asked).</summary>
    public static List<string> Steps<TOut>(IObservable<StreamElement<TOut>> output, Subject<StreamElement<string>> input, params string[] steps) =>
        Steps(output, input, null, steps);

    /// <summary>As <see cref="Steps{TOut}(IObservable{StreamElement{TOut}}, Subject{StreamElement{string}}, string[])"/>, also collecting every result value.</summary>
    public static List<string> Steps<TOut>(IObservable<StreamElement<TOut>> output, Subject<StreamElement<string>> input, List<TOut>? values, params string[] steps)
    {
        var elements = new List<StreamElement<TOut>>();
        var texts = new List<string>();
        using var subscription = output.Subscribe(e =>
        {
            elements.Add(e);
            if (e.IsRecord)
            {
                values?.Add(e.Value);
            }
        });
        foreach (var step in steps)
        {
            elements.Clear();
            if (step == "|")
            {
                input.OnCompleted();
            }
            else
            {
                foreach (var element in StreamDescription.Parse(step))
                {
                    input.OnNext(element);
                }
            }

            texts.Add(StreamDescription.Format(elements));
        }

        return texts;
    }
}

/// <summary>Collects elements with the virtual time (ms since the scheduler's start) at which they arrived.</summary>
internal sealed class TimedCollector<T>(TestScheduler scheduler) : IObserver<StreamElement<T>>
{
    private readonly List<string> _items = new();

    public bool Completed { get; private set; }

    public Exception? Error { get; private set; }

    public string Text => string.Join(" ", _items);

    public void OnNext(StreamElement<T> value) =>
        _items.Add((scheduler.Clock / TimeSpan.TicksPerMillisecond).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + value);

    public void OnError(Exception error) => Error = error;

    public void OnCompleted() => Completed = true;
}

/// <summary>Drives a subject at exact virtual times of a <see cref="TestScheduler"/>.</summary>
internal static class VirtualTime
{
    /// <summary>Advances to <paramref name="ms"/> (running due timers) and then pushes the description.</summary>
    public static void At(this TestScheduler scheduler, long ms, Subject<StreamElement<string>> subject, string elements)
    {
        scheduler.AdvanceTo(ms * TimeSpan.TicksPerMillisecond);
        foreach (var element in StreamDescription.Parse(elements))
        {
            subject.OnNext(element);
        }
    }
}
