using StackExchange.Redis;

namespace RxStreams.Redis;

/// <summary>
/// One entry of a Redis stream as the source read it: the stream's key, the entry id (<c>milliseconds-sequence</c>)
/// and its field/value pairs, in the order they were added. The mapping function turns it into a record.
/// </summary>
public readonly struct RedisStreamEntry
{
    private readonly StreamEntry _entry;

    internal RedisStreamEntry(string stream, StreamEntry entry)
    {
        Stream = stream;
        _entry = entry;
    }

    /// <summary>The key of the stream the entry is in.</summary>
    public string Stream { get; }

    /// <summary>The entry id, for example <c>1700000000000-0</c>.</summary>
    public RedisValue Id => _entry.Id;

    /// <summary>The entry's field/value pairs, in the order they were added.</summary>
    public NameValueEntry[] Values => _entry.Values;

    /// <summary>The value of <paramref name="field"/>, or <see cref="RedisValue.Null"/> when the entry has no such field.</summary>
    /// <param name="field">The field's name.</param>
    public RedisValue this[RedisValue field] => _entry[field];

    /// <summary>The value of <paramref name="field"/>; throws, naming the field, the stream and the id, when the entry has no such field.</summary>
    /// <param name="field">The field's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="System.FormatException">The entry has no field <paramref name="field"/>.</exception>
    public RedisValue Required(RedisValue field)
    {
        var value = _entry[field];
        return value.IsNull
            ? throw new System.FormatException($"Entry {Id} of stream '{Stream}' has no field '{field}'.")
            : value;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(Stream).Append(' ').Append(Id).Append(" {");
        var values = Values;
        for (var i = 0; i < values.Length; i++)
        {
            text.Append(i == 0 ? " " : ", ").Append(values[i].Name).Append('=').Append(values[i].Value);
        }

        return text.Append(" }").ToString();
    }
}
