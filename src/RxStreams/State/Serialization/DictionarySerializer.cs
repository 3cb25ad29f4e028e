using System;
using System.Collections.Generic;
using System.Globalization;

namespace RxStreams.State;

/// <summary>
/// A dictionary: entry count (-1 for null), then key and value of each entry in enumeration order; reading adds them
/// in that order, so an insert-only dictionary enumerates the same way after a restore. The comparer is not stored:
/// the restored dictionary uses the default one.
/// </summary>
internal sealed class DictionarySerializer<TKey, TValue>(IStateSerializer<TKey> key, IStateSerializer<TValue> value)
    : IStateSerializer<Dictionary<TKey, TValue>?>
    where TKey : notnull
{
    public string Id { get; } = SerializerIds.Compose("map", SerializerIds.Part(key), SerializerIds.Part(value));

    public int Version => 1;

    public void Write(StateWriter writer, Dictionary<TKey, TValue>? map)
    {
        if (map is null)
        {
            writer.WriteVarInt64(-1);
            return;
        }

        writer.WriteVarInt64(map.Count);
        foreach (var entry in map)
        {
            key.Write(writer, entry.Key);
            value.Write(writer, entry.Value);
        }
    }

    public Dictionary<TKey, TValue>? Read(ref StateReader reader)
    {
        var count = reader.ReadLength(allowNull: true);
        if (count < 0)
        {
            return null;
        }

        var map = new Dictionary<TKey, TValue>(count);
        for (var i = 0; i < count; i++)
        {
            var offset = reader.Position;
            var k = key.Read(ref reader);
            if (k is null || !map.TryAdd(k, value.Read(ref reader)))
            {
                throw new StateSerializationException(
                    string.Create(CultureInfo.InvariantCulture, $"corrupt state: dictionary key at offset {offset} is null or repeated."),
                    typeof(Dictionary<TKey, TValue>));
            }
        }

        return map;
    }
}
