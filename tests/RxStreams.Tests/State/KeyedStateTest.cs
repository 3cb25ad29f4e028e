namespace RxStreams.Tests.State;

public class KeyedStateTest
{
    [Fact]
    public void GetOrAddAddsDefaultAndReturnsAReferenceToUpdate()
    {
        IKeyedStateStore<string, int> state = new KeyedState<string, int>();
        ref var a = ref state.GetOrAdd("a", out var existed);
        Assert.False(existed);
        Assert.Equal(0, a);
        a = 5;
        ref var again = ref state.GetOrAdd("a", out existed);
        Assert.True(existed);
        again += 2;
        Assert.True(state.TryGet("a", out var value));
        Assert.Equal(7, value);
        Assert.Equal(1, state.Count);
    }

    [Fact]
    public void TryGetAndRemove()
    {
        var state = new KeyedState<string, string>();
        Assert.False(state.TryGet("x", out var missing));
        Assert.Null(missing);
        state.GetOrAdd("x", out _) = "v";
        Assert.True(state.Remove("x"));
        Assert.False(state.Remove("x"));
        Assert.False(state.TryGet("x", out _));
        Assert.Equal(0, state.Count);
    }

    [Fact]
    public void SnapshotIsACopy()
    {
        var state = new KeyedState<string, int>();
        state.GetOrAdd("a", out _) = 1;
        state.GetOrAdd("b", out _) = 2;
        var snapshot = state.Snapshot();
        state.GetOrAdd("a", out _) = 100;
        state.Remove("b");
        state.GetOrAdd("c", out _) = 3;
        Assert.Equal(new[] { "a=1", "b=2" }, snapshot.Select(kv => $"{kv.Key}={kv.Value}").OrderBy(x => x, StringComparer.Ordinal));
    }

    [Fact]
    public void RestoreReplacesTheWholeContent()
    {
        var state = new KeyedState<string, int>();
        state.GetOrAdd("a", out _) = 1;
        state.GetOrAdd("b", out _) = 2;
        var snapshot = state.Snapshot();
        state.GetOrAdd("a", out _) = 10;
        state.GetOrAdd("z", out _) = 26;

        state.Restore(snapshot);
        Assert.Equal(2, state.Count);
        Assert.True(state.TryGet("a", out var a));
        Assert.Equal(1, a);
        Assert.True(state.TryGet("b", out var b));
        Assert.Equal(2, b);
        Assert.False(state.TryGet("z", out _));
    }

    [Fact]
    public void RestoreIntoAnotherStoreAndLastDuplicateWins()
    {
        var target = new KeyedState<string, int>();
        target.GetOrAdd("old", out _) = 9;
        target.Restore(new[] { new KeyValuePair<string, int>("k", 1), new KeyValuePair<string, int>("k", 2) });
        Assert.Equal(1, target.Count);
        Assert.True(target.TryGet("k", out var k));
        Assert.Equal(2, k);
        Assert.Empty(new KeyedState<string, int>().Snapshot());
    }

    [Fact]
    public void TheComparerDecidesKeyIdentity()
    {
        var state = new KeyedState<string, int>(StringComparer.OrdinalIgnoreCase);
        state.GetOrAdd("Key", out _) = 1;
        state.GetOrAdd("KEY", out var existed) += 1;
        Assert.True(existed);
        Assert.True(state.TryGet("key", out var value));
        Assert.Equal(2, value);
        state.Restore(new[] { new KeyValuePair<string, int>("a", 1), new KeyValuePair<string, int>("A", 2) });
        Assert.Equal(1, state.Count);
    }

    [Fact]
    public void RestoreRequiresASnapshot()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new KeyedState<int, int>().Restore(null!));
        Assert.Equal("snapshot", ex.ParamName);
    }
}
