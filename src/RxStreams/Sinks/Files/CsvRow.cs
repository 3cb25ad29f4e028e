using System;
using System.Buffers;
using System.Globalization;
using System.Text;

namespace RxStreams.Sinks;

/// <summary>
/// The fields of one CSV line, added in column order (RFC 4180 quoting, invariant culture, UTF-8). One instance per
/// writer is reused for every record: do not keep it.
/// </summary>
public sealed class CsvRow
{
    private IBufferWriter<byte>? _output;
    private bool _first;

    internal CsvRow()
    {
    }

    /// <summary>Adds a text field, quoted when it holds a comma, a quote or a line break; null is an empty field.</summary>
    /// <param name="value">The text.</param>
    /// <returns>This row.</returns>
    public CsvRow Add(string? value) => Add(value.AsSpan());

    /// <summary>Adds a text field, quoted when it holds a comma, a quote or a line break.</summary>
    /// <param name="value">The text.</param>
    /// <returns>This row.</returns>
    public CsvRow Add(ReadOnlySpan<char> value)
    {
        var output = Separate();
        if (value.IndexOfAny(",\"\r\n") < 0)
        {
            WriteText(output, value);
            return this;
        }

        WriteByte(output, (byte)'"');
        while (!value.IsEmpty)
        {
            var quote = value.IndexOf('"');
            var part = quote < 0 ? value : value[..(quote + 1)];
            WriteText(output, part);
            if (quote < 0)
            {
                break;
            }

            WriteByte(output, (byte)'"');
            value = value[(quote + 1)..];
        }

        WriteByte(output, (byte)'"');
        return this;
    }

    /// <summary>Adds a number, date or other value as its invariant-culture text (numbers round-trip).</summary>
    /// <typeparam name="TValue">A type that formats itself as UTF-8 (<c>int</c>, <c>long</c>, <c>double</c>, <c>decimal</c>, <c>DateTimeOffset</c>, ...).</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>This row.</returns>
    public CsvRow Add<TValue>(TValue value)
        where TValue : IUtf8SpanFormattable
    {
        var output = Separate();
        var size = 64;
        while (true)
        {
            var span = output.GetSpan(size);
            if (value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture))
            {
                output.Advance(written);
                return this;
            }

            size *= 2;
        }
    }

    /// <summary>Adds <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This row.</returns>
    public CsvRow Add(bool value) => Add(value ? "true" : "false");

    internal void Begin(IBufferWriter<byte> output)
    {
        _output = output;
        _first = true;
    }

    internal void End()
    {
        WriteByte(_output!, (byte)'\n');
        _output = null;
    }

    private IBufferWriter<byte> Separate()
    {
        var output = _output ?? throw new InvalidOperationException("A CsvRow is only valid while its record is being written.");
        if (!_first)
        {
            WriteByte(output, (byte)',');
        }

        _first = false;
        return output;
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteText(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        var written = Encoding.UTF8.GetBytes(text, output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        output.Advance(written);
    }
}
