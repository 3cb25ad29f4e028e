using System;
using System.Collections.Generic;
using RxStreams.Checkpoints;

namespace RxStreams.State;

/// <summary>Rewrites one state section of a key group from an old value format into the current one, before a backend reads it.</summary>
internal interface ISectionMigration
{
    /// <summary>Reads the section's entries from <paramref name="reader"/> and returns them in the current format.</summary>
    byte[] Rewrite<TKey>(ref StateReader reader, IStateSerializer<TKey> keys);
}

/// <summary>
/// Rewrites a section entry by entry: the key's bytes as they are, the value read in the old format, converted and
/// written in the current one, then the last access when the state has a time to live. Every backend then reads the
/// section as if it had been written in the current format, so migration needs nothing of the backends.
/// </summary>
internal sealed class SectionMigration<TValue>(StateReadFunc<TValue> readOld, IStateSerializer<TValue> current, bool ttl, string stateName) : ISectionMigration
{
    public byte[] Rewrite<TKey>(ref StateReader reader, IStateSerializer<TKey> keys)
    {
        using var output = new StateWriter();
        while (reader.ReadByte() != 0)
        {
            output.WriteByte(1);
            var start = reader.Position;
            keys.Read(ref reader);
            output.WriteBytes(reader.ReadSince(start));
            TValue value;
            try
            {
                value = readOld(ref reader);
            }
            catch (Exception ex) when (ex is not StateSerializationException)
            {
                throw new CheckpointRestoreException($"The migration of state '{stateName}' failed: {ex.GetType().Name}: {ex.Message}", ex);
            }

            current.Write(output, value);
            if (ttl)
            {
                output.WriteVarInt64(reader.ReadVarInt64());
            }
        }

        output.WriteByte(0);
        return output.ToArray();
    }
}

/// <summary>Finds the migration of a descriptor that matches the schema a checkpoint wrote.</summary>
internal static class SectionMigrations
{
    public static ISectionMigration? Find<TMigration, TValue>(
        StateDescriptor descriptor,
        string written,
        IReadOnlyList<TMigration> migrations,
        Func<TMigration, string> writtenPart,
        Func<TMigration, StateReadFunc<TValue>> read,
        Func<IStateSerializer<TValue>> current)
    {
        var ttl = descriptor.Ttl is not null;
        foreach (var migration in migrations)
        {
            if ($"{descriptor.Kind} {writtenPart(migration)}{(ttl ? " ttl" : string.Empty)}" == written)
            {
                return new SectionMigration<TValue>(read(migration), current(), ttl, descriptor.Name);
            }
        }

        return null;
    }
}
