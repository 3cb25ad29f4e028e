using System;
using System.Collections.Generic;
using RxStreams.State;

namespace RxStreams;

/// <summary>A migration that reads <typeparamref name="TOld"/> with its serializer and converts it with a function.</summary>
internal sealed class ConvertingMigration<TOld, TNew>(Func<TOld, TNew> convert, IStateSerializer<TOld>? writtenWith) : StateMigration<TNew>
{
    private IStateSerializer<TOld>? _old = writtenWith;
    private ListSerializer<TOld>? _oldList;

    private IStateSerializer<TOld> Old => _old ??= StateSerializers.Get<TOld>($"the old values of a state migration from {typeof(TOld).Name}");

    // Resolved once, not per restored entry.
    private ListSerializer<TOld> OldList => _oldList ??= new ListSerializer<TOld>(Old);

    internal override string WrittenPart => SerializerIds.Part(Old);

    internal override string WrittenListPart => SerializerIds.Part(OldList);

    internal override TNew Read(ref StateReader reader) => convert(Old.Read(ref reader));

    internal override List<TNew>? ReadList(ref StateReader reader)
    {
        if (OldList.Read(ref reader) is not { } old)
        {
            return null;
        }

        var converted = new List<TNew>(old.Count);
        foreach (var value in old)
        {
            converted.Add(convert(value));
        }

        return converted;
    }

    internal override string WrittenMapPart<TMapKey>(IStateSerializer<TMapKey> keys) =>
        SerializerIds.Part(new DictionarySerializer<TMapKey, TOld>(keys, Old));

    internal override Dictionary<TMapKey, TNew>? ReadMap<TMapKey>(ref StateReader reader, IStateSerializer<TMapKey> keys, IEqualityComparer<TMapKey> comparer)
    {
        if (new DictionarySerializer<TMapKey, TOld>(keys, Old).Read(ref reader) is not { } old)
        {
            return null;
        }

        var converted = new Dictionary<TMapKey, TNew>(old.Count, comparer);
        foreach (var (key, value) in old)
        {
            converted.Add(key, convert(value));
        }

        return converted;
    }
}
