using RxStreams.Exchanges;
using RxStreams.State;
using RxStreams.Windows.Triggers;

namespace RxStreams.Tests.Windows;

/// <summary>
/// The typed trigger states' own checkpoint format: values restored for a state the trigger has not declared yet are
/// written back as they were, so a checkpoint taken before the trigger's first call after a restore loses nothing.
/// </summary>
public class TriggerStatesTest
{
    private static readonly ReducingStateDescriptor<long> CountState = new("count", (a, b) => a + b);
    private static readonly TimeWindow Window = new(0, 10);

    [Fact]
    public void RestoredValuesOfAStateNotDeclaredYetSurviveTheNextCheckpoint()
    {
        // A first operator counts 2 for a and 1 for b, and is checkpointed.
        var current = new WindowId<string>("a", Window);
        var first = new TriggerStates<string>("op", StringComparer.Ordinal, () => current);
        first.Reducing(CountState).Add(2);
        current = new("b", Window);
        first.Reducing(CountState).Add(1);
        var (schema, groups) = Checkpoint(first);
        Assert.Equal("reducing state i64", schema["w:trigger:count"]);

        // The restored operator is checkpointed again before its trigger asks for the state, then restored once more.
        var second = Restore(schema, groups, () => current);
        Assert.Equal(2, second.Count);
        var (schemaAgain, groupsAgain) = Checkpoint(second);
        Assert.Equal(schema, schemaAgain);
        var third = Restore(schemaAgain, groupsAgain, () => current);

        var count = third.Reducing(CountState);
        current = new("a", Window);
        Assert.Equal(2, count.Value);
        current = new("b", Window);
        Assert.Equal(1, count.Value);

        // Freeing a window drops its value, declared or not.
        third.Remove("a", Window);
        second.Remove("b", Window);
        Assert.Equal(1, third.Count);
        Assert.Equal(1, second.Count);
    }

    private static (Dictionary<string, string> Schema, List<RxStreams.Checkpoints.KeyGroupState> Groups) Checkpoint(TriggerStates<string> states)
    {
        var schema = new Dictionary<string, string>();
        var writer = new KeyGroupWriter<string>(StableHash.For<string>(), StateSerializers.Get<string>());
        states.Snapshot(writer, schema);
        return (schema, writer.Finish());
    }

    private static TriggerStates<string> Restore(Dictionary<string, string> schema, List<RxStreams.Checkpoints.KeyGroupState> groups, Func<WindowId<string>> current)
    {
        var states = new TriggerStates<string>("op", StringComparer.Ordinal, current);
        foreach (var group in groups)
        {
            var reader = new StateReader(group.Data.Span);
            while (KeyGroupReader.NextSection(ref reader) is { } section)
            {
                var name = section[TriggerStates<string>.SectionPrefix.Length..];
                while (KeyGroupReader.NextEntry(ref reader, StateSerializers.Get<string>(), out var key))
                {
                    var window = new TimeWindow(reader.ReadInt64(), reader.ReadInt64());
                    var length = (int)reader.ReadVarInt64();
                    states.AddRestored(name, schema[section], key, window, reader.ReadBytes(length).ToArray());
                }
            }
        }

        return states;
    }
}
