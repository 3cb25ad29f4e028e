using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Process;

public class StateTypesTest
{
    // Records are "key:command"; the function applies the command to the key's state and emits what it sees.
    private static string RunKeyed<TState>(string input, Func<RuntimeContext, TState> open, Action<TState, string, KeyedProcessContext<string, string>> process) =>
        Run(input, s => s.KeyBy(v => v.Split(':')[0]).Process(() => new LambdaProcess<TState>(open, process)));

    private static string Command(string record) => record.Split(':')[1];

    [Fact]
    public void ValueStateReadsTheDefaultUntilWrittenAndAfterClear()
    {
        var output = RunKeyed(
            "a:get@1 a:set5@2 a:get@3 b:get@4 a:clear@5 a:get@6",
            c => c.GetState(new ValueStateDescriptor<int>("v", defaultValue: -1)),
            (state, record, context) =>
            {
                switch (Command(record))
                {
                    case "get": context.Collect($"{state.Value}/{state.TryGetValue(out var v)}/{v}"); break;
                    case "clear": state.Clear(); break;
                    default: state.Update(int.Parse(Command(record)[3..], System.Globalization.CultureInfo.InvariantCulture)); break;
                }
            });
        Assert.Equal("-1/False/0@1 5/True/5@3 -1/False/0@4 -1/False/0@6", output);
    }

    [Fact]
    public void ListStateAppendsInOrderAndUpdateReplaces()
    {
        var output = RunKeyed(
            "a:x@1 a:y@2 b:z@3 a:show@4 a:replace@5 a:show@6 a:empty@7 a:show@8 b:show@9",
            c => c.GetListState(new ListStateDescriptor<string>("l")),
            (state, record, context) =>
            {
                switch (Command(record))
                {
                    case "show": context.Collect("[" + string.Join(",", state.Values) + "]"); break;
                    case "replace": state.Update(["p", "q"]); state.AddAll(["r"]); break;
                    case "empty": state.Update([]); break;
                    default: state.Add(Command(record)); break;
                }
            });
        Assert.Equal("[x,y]@4 [p,q,r]@6 []@8 [z]@9", output);
    }

    [Fact]
    public void MapStateHoldsAMapPerKeyAndFreesItWithItsLastEntry()
    {
        var output = RunKeyed(
            "a:put=k1=1@1 a:put=k2=2@2 b:put=k1=9@3 a:show@4 a:del=k1@5 a:del=k1@6 a:show@7 a:del=k2@8 a:show@9 b:show@10",
            c => c.GetMapState(new MapStateDescriptor<string, int>("m")),
            (state, record, context) =>
            {
                var parts = Command(record).Split('=');
                switch (parts[0])
                {
                    case "put": state.Put(parts[1], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)); break;
                    case "del": context.Collect($"del {parts[1]} {state.Remove(parts[1])}"); break;
                    default:
                        var entries = string.Join(",", state.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));
                        context.Collect($"{{{entries}}} empty={state.IsEmpty} k1={state.Contains("k1")}");
                        break;
                }
            });
        Assert.Equal(
            "{k1=1,k2=2} empty=False k1=True@4 del k1 True@5 del k1 False@6 {k2=2} empty=False k1=False@7 del k2 True@8 {} empty=True k1=False@9 {k1=9} empty=False k1=True@10",
            output);
    }

    [Fact]
    public void ReducingStateReducesEveryAddedValue()
    {
        var output = RunKeyed(
            "a:3@1 a:7@2 b:1@3 a:2@4",
            c => c.GetReducingState(new ReducingStateDescriptor<int>("max", Math.Max)),
            (state, record, context) =>
            {
                state.Add(int.Parse(Command(record), System.Globalization.CultureInfo.InvariantCulture));
                context.Collect($"{state.Value}");
            });
        Assert.Equal("3@1 7@2 1@3 7@4", output);
    }

    [Fact]
    public void AggregatingStateUsesTheAggregateFunction()
    {
        var output = RunKeyed(
            "a:show@0 a:2@1 a:4@2 b:9@3 a:clear@4 a:show@5",
            c => c.GetAggregatingState(new AggregatingStateDescriptor<int, (long Sum, long Count), double>("avg", new Mean())),
            (state, record, context) =>
            {
                switch (Command(record))
                {
                    case "show": context.Collect($"empty={state.IsEmpty} {state.Result}"); break;
                    case "clear": state.Clear(); break;
                    default:
                        state.Add(int.Parse(Command(record), System.Globalization.CultureInfo.InvariantCulture));
                        context.Collect($"{state.Result}");
                        break;
                }
            });
        Assert.Equal("empty=True NaN@0 2@1 3@2 9@3 empty=True NaN@5", output);
    }

    [Fact]
    public void DeclaringTheSameDescriptorTwiceGivesTheSameState()
    {
        var output = RunKeyed(
            "a:x@1",
            c => (c.GetState(new ValueStateDescriptor<int>("v")), c.GetState(new ValueStateDescriptor<int>("v"))),
            (state, record, context) => context.Collect($"{ReferenceEquals(state.Item1, state.Item2)}"));
        Assert.Equal("True@1", output);
    }

    [Fact]
    public void KeyedStateOnAStreamThatIsNotKeyedFailsAtSubscription()
    {
        var error = Assert.Throws<StreamOperatorException>(() =>
            Run("a@1", s => s.Process(() => new AsksForState())));
        Assert.Equal(
            "Process failed: Opening 'Process' failed: Operator 'Process' asks for keyed state 'v' on a stream that is not keyed: call KeyBy(...) before Process(...).",
            error.Message);
    }

    private sealed class Mean : IAggregateFunction<int, (long Sum, long Count), double>
    {
        public (long Sum, long Count) CreateAccumulator() => (0, 0);

        public void Add(ref (long Sum, long Count) accumulator, int value) => accumulator = (accumulator.Sum + value, accumulator.Count + 1);

        public double GetResult(in (long Sum, long Count) accumulator) => (double)accumulator.Sum / accumulator.Count;

        public (long Sum, long Count) Merge((long Sum, long Count) a, (long Sum, long Count) b) => (a.Sum + b.Sum, a.Count + b.Count);
    }

    private sealed class AsksForState : ProcessFunction<string, string>
    {
        public override void Open(RuntimeContext context) => context.GetState(new ValueStateDescriptor<int>("v"));

        public override void ProcessElement(string value, ProcessContext<string> context)
        {
        }
    }
}
