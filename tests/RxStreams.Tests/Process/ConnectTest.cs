using System.Reactive.Subjects;
using RxStreams.Processing;
using static RxStreams.Tests.Process.KeyedProcessTest;

namespace RxStreams.Tests.Process;

public class ConnectTest
{
    [Fact]
    public void AKeyedCoProcessFunctionSharesStateAcrossBothInputs()
    {
        // Flink's ControlFunction: words pass unless a control record blocked their key.
        var words = new Subject<StreamElement<string>>();
        var controls = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<string>>();
        using var _ = words.Connect(controls).KeyBy(w => w, c => c[1..]).Process(() => new Blocking()).Subscribe(output);

        Push(words, "a@1 b@2");
        Push(controls, "-a@3");
        Push(words, "a@4 b@5");
        Push(controls, "+a@6");
        Push(words, "a@7");
        Assert.Equal("a@1 b@2 b@5 a@7", output.Describe());
    }

    [Fact]
    public void TheWatermarkIsTheMinimumOfBothInputsAndTimersFollowIt()
    {
        var first = new Subject<StreamElement<string>>();
        var second = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<string>>();
        using var _ = first.Connect(second).KeyBy(a => a, b => b).Process(() => new TimerOnBoth()).Subscribe(output);

        Push(first, "a@1 W20");
        Push(second, "a@2 W8");
        Assert.Equal("1:a@1 2:a@2 W8", output.Describe());
        Push(second, "W30");
        Assert.Equal("1:a@1 2:a@2 W8 timer a@10 W20", output.Describe());
    }

    [Fact]
    public void ACoProcessFunctionOverStreamsThatAreNotKeyed()
    {
        var numbers = new Subject<StreamElement<int>>();
        var names = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<string>>();
        using var _ = numbers.Connect(names).Process(() => new Labelled()).Subscribe(output);

        numbers.OnNext(StreamElement.Record(5, 1));
        names.OnNext(StreamElement.Record("x", 2));
        numbers.OnNext(StreamElement.Record(6, 3));
        Assert.Equal("5 as ?0@1 6 as x0@3", output.Describe());
    }

    [Fact]
    public void ANonKeyedProcessFunctionSeesTimestampsAndWatermarks()
    {
        var output = CoreTestSupport.Run("a@1 W2 bb@3 W4", s => s.Process(() => new Splitting()));
        Assert.Equal("a/wm=-9223372036854775808@1 W2 b/wm=2@3 b/wm=2@3 W4", output);
    }

    [Fact]
    public void ANonKeyedProcessFunctionWithDeadLettersSkipsAFailingRecord()
    {
        var dead = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var _ = dead.Subscribe(letters.Add);
        var output = CoreTestSupport.Run("a@1 !@2 b@3", s => s.Process(() => new Splitting(), dead));
        Assert.Equal("a/wm=-9223372036854775808@1 b/wm=-9223372036854775808@3", output);
        Assert.Equal(("Process", (object?)"!", (long?)2L), (letters[0].Operator, letters[0].Record, letters[0].Timestamp));
    }

    [Fact]
    public void ADeadLetterOfAConnectedStreamCarriesTheUsersRecord()
    {
        var dead = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var __ = dead.Subscribe(letters.Add);
        var words = new Subject<StreamElement<string>>();
        var numbers = new Subject<StreamElement<int>>();
        var output = new Collector<StreamElement<string>>();
        using var _ = words.Connect(numbers).KeyBy(w => w.Length, n => n, deadLetters: dead).Process(() => new FailsOnSeven()).Subscribe(output);

        Push(words, "abc@1");
        numbers.OnNext(StreamElement.Record(7, 2));
        numbers.OnNext(StreamElement.Record(3, 3));
        Assert.Equal("abc@1 3@3", output.Describe());
        var letter = Assert.Single(letters);
        Assert.Equal(("KeyedCoProcess", (object?)7, (long?)2L), (letter.Operator, letter.Record, letter.Timestamp));
    }

    private sealed class FailsOnSeven : KeyedCoProcessFunction<int, string, int, string>
    {
        public override void ProcessElement1(string value, KeyedProcessContext<int, string> context) => context.Collect(value);

        public override void ProcessElement2(int value, KeyedProcessContext<int, string> context)
        {
            if (value == 7)
            {
                throw new InvalidOperationException("seven");
            }

            context.Collect(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private sealed class Blocking : KeyedCoProcessFunction<string, string, string, string>
    {
        private ValueState<bool> _blocked = null!;

        public override void Open(RuntimeContext context) => _blocked = context.GetState(new ValueStateDescriptor<bool>("blocked"));

        public override void ProcessElement1(string value, KeyedProcessContext<string, string> context)
        {
            if (!_blocked.Value)
            {
                context.Collect(value);
            }
        }

        public override void ProcessElement2(string value, KeyedProcessContext<string, string> context) => _blocked.Value = value[0] == '-';
    }

    private sealed class TimerOnBoth : KeyedCoProcessFunction<string, string, string, string>
    {
        public override void ProcessElement1(string value, KeyedProcessContext<string, string> context)
        {
            context.Collect("1:" + value);
            context.TimerService.RegisterEventTimeTimer(10);
        }

        public override void ProcessElement2(string value, KeyedProcessContext<string, string> context)
        {
            context.Collect("2:" + value);
            context.TimerService.RegisterEventTimeTimer(10);
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context) => context.Collect("timer " + context.Key);
    }

    private sealed class Labelled : CoProcessFunction<int, string, string>
    {
        private string _label = "?";
        private int _uses;

        public override void ProcessElement1(int value, ProcessContext<string> context) => context.Collect($"{value} as {_label}{_uses++}");

        public override void ProcessElement2(string value, ProcessContext<string> context)
        {
            _label = value;
            _uses = 0;
        }
    }

    private sealed class Splitting : ProcessFunction<string, string>
    {
        public override void ProcessElement(string value, ProcessContext<string> context)
        {
            if (value == "!")
            {
                throw new FormatException("bang");
            }

            foreach (var c in value)
            {
                context.Collect($"{c}/wm={context.CurrentWatermark}");
            }
        }
    }
}
