using System;
using System.Buffers;
using System.Globalization;
using System.IO;

namespace RxStreams.Sinks;

/// <summary>
/// The part files of one file-sink writer: their names (<c>{prefix}-{subtask}-{counter}{ext}</c>, hidden while in
/// progress as <c>.{name}.inprogress</c>), the encoding of batches into the open part, and the rolling policy.
/// </summary>
internal sealed class PartFiles<T>
{
    private const string InProgress = ".inprogress";
    private const int WriteThrough = 64 * 1024;

    private readonly SinkContext _context;
    private readonly FileSinkOptions _options;
    private readonly RecordEncoder<T> _encoder;
    private readonly ArrayBufferWriter<byte> _buffer = new(WriteThrough * 2);
    private readonly string _extension;
    private long _counter;

    public PartFiles(SinkContext context, string directory, FileSinkOptions options, FileFormat<T> format)
    {
        _context = context;
        _options = options;
        Directory = directory;
        _extension = format.Extension;
        _encoder = format.CreateEncoder();
        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SinkUnavailableException(context, $"the directory '{directory}' cannot be created: {ex.Message}", ex);
        }
    }

    public string Directory { get; }

    /// <summary>Continues numbering after this subtask's highest committed part, so no name is reused.</summary>
    public void FindCounter()
    {
        var own = string.Create(CultureInfo.InvariantCulture, $"{_options.PartPrefix}-{_context.Subtask}-");
        _counter = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, own + "*" + _extension))
        {
            var name = Path.GetFileName(path.AsSpan());
            var number = name[own.Length..^_extension.Length];
            if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= _counter)
            {
                _counter = n + 1;
            }
        }
    }

    /// <summary>Deletes the hidden parts of the subtasks this writer claims: what crashed attempts or runs left.</summary>
    public int DeleteHidden()
    {
        var deleted = 0;
        var start = "." + _options.PartPrefix + "-";
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, start + "*" + _extension + InProgress))
        {
            var name = Path.GetFileName(path.AsSpan())[start.Length..];
            var dash = name.IndexOf('-');
            if (dash > 0 && int.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var subtask) && _context.ClaimsSubtask(subtask))
            {
                File.Delete(path);
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>Opens the next part: hidden for exactly-once, under its final name otherwise. Returns its final name.</summary>
    public PartFile Open(bool hidden)
    {
        while (true)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{_options.PartPrefix}-{_context.Subtask}-{_counter++}{_extension}");
            var final = Path.Combine(Directory, name);
            var path = hidden ? HiddenPath(name) : final;
            if (File.Exists(final) || File.Exists(path))
            {
                // Written by a run whose checkpoints this one did not restore: never overwrite committed output.
                continue;
            }

            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
            var part = new PartFile(name, path, stream, _context.Scheduler.Now);
            _encoder.WriteHeader(_buffer);
            return part;
        }
    }

    /// <summary>Encodes a batch into <paramref name="part"/>, writing through to the file past 64 KiB.</summary>
    public void Write(PartFile part, ReadOnlySpan<T> batch)
    {
        foreach (var record in batch)
        {
            _encoder.Encode(record, _buffer);
            if (_buffer.WrittenCount >= WriteThrough)
            {
                Drain(part);
            }
        }
    }

    /// <summary>True when <paramref name="part"/> reached its size or age (checked after a batch).</summary>
    public bool ShouldRoll(PartFile part) =>
        part.Bytes + _buffer.WrittenCount >= _options.MaxPartSize
        || (_options.MaxPartAge != System.Threading.Timeout.InfiniteTimeSpan && _context.Scheduler.Now - part.Opened >= _options.MaxPartAge);

    /// <summary>Writes what is buffered into the file, and with <paramref name="durable"/> fsyncs it.</summary>
    public void Flush(PartFile part, bool durable)
    {
        Drain(part);
        part.Stream.Flush(durable);
    }

    /// <summary>Flushes, fsyncs and closes <paramref name="part"/>.</summary>
    public void Close(PartFile part)
    {
        Flush(part, durable: true);
        part.Stream.Dispose();
    }

    /// <summary>Closes and deletes an unfinished part; what was buffered for it is dropped.</summary>
    public void Discard(PartFile part)
    {
        _buffer.ResetWrittenCount();
        part.Stream.Dispose();
        File.Delete(part.Path);
    }

    public string HiddenPath(string name) => Path.Combine(Directory, "." + name + InProgress);

    public string FinalPath(string name) => Path.Combine(Directory, name);

    private void Drain(PartFile part)
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        part.Stream.Write(_buffer.WrittenSpan);
        part.Bytes += _buffer.WrittenCount;
        _buffer.ResetWrittenCount();
    }
}
