namespace RxStreams.State;

/// <summary>Reads what <see cref="KeyGroupWriter{TKey}"/> wrote for one key group.</summary>
internal static class KeyGroupReader
{
    /// <summary>The next section's name; null after the last.</summary>
    public static string? NextSection(ref StateReader reader) => reader.ReadString();

    /// <summary>Reads the next entry's key; false at the end of the section.</summary>
    public static bool NextEntry<TKey>(ref StateReader reader, IStateSerializer<TKey> keys, out TKey key)
    {
        if (reader.ReadByte() == 0)
        {
            key = default!;
            return false;
        }

        key = keys.Read(ref reader);
        return true;
    }
}
