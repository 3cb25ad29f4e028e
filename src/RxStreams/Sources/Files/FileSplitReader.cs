using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.Ingestion;

/// <summary>
/// Reads the lines of one split of a <see cref="FileSet"/> from a pooled buffer over a <see cref="FileStream"/>, and
/// keeps, for every file it started, the byte offset and line number of the next line (plus whether the file is done):
/// that is the position a checkpoint writes, so a restored job reads exactly the lines after it. Bounded, it reads the
/// files listed at the first read one after the other, each to its end. Following, it goes round the files again and
/// again (listing them anew each round, so new files join), reads what each gained, and holds back a last line until its
/// line break arrives; a round that found nothing ends the read, and the source polls again later.
/// </summary>
internal sealed class FileSplitReader<T> : SourceReader<T>
{
    private const byte PositionFormat = 1;

    private readonly FileSet _files;
    private readonly LineFormat<T> _format;
    private readonly FileSourceOptions _options;
    private readonly string _name;
    private readonly int _split;
    private readonly int _splits;
    private readonly Dictionary<string, Progress> _progress = new(StringComparer.Ordinal);
    private List<(string Relative, long Length)> _queue = [];
    private int _next;
    private bool _listed;
    private bool _finished;

    private FileStream? _stream;
    private string _path = string.Empty;
    private Progress? _file;
    private byte[]? _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;

    public FileSplitReader(FileSet files, LineFormat<T> format, FileSourceOptions options, string name, int split, int splits)
    {
        _files = files;
        _format = format;
        _options = options;
        _name = name;
        _split = split;
        _splits = splits;
    }

    public override bool IsFinished => _finished;

    public override bool TryRead(out T value)
    {
        var listedThisCall = false;
        if (!_listed)
        {
            List();
            listedThisCall = true;
        }

        while (true)
        {
            if (_stream is null)
            {
                if (_next >= _queue.Count)
                {
                    if (!_options.Follow)
                    {
                        _finished = true;
                        value = default!;
                        return false;
                    }

                    // Following: one round over the files per call, so a call that finds nothing returns and the source polls.
                    if (listedThisCall)
                    {
                        value = default!;
                        return false;
                    }

                    List();
                    listedThisCall = true;
                    continue;
                }

                if (!Open(_queue[_next++].Relative))
                {
                    continue;
                }
            }

            if (NextLine(out var start, out var length, out var offset, out var number))
            {
                if (TryDecode(start, length, offset, number, out value))
                {
                    return true;
                }

                continue;
            }

            if (_options.Follow)
            {
                // Remember how long the file was, so the next rounds skip it until it grows.
                _file!.SeenLength = _bufferOffset + _end;
            }
            else
            {
                _file!.Done = true;
            }

            CloseFile();
        }
    }

    public override void WritePosition(StateWriter writer)
    {
        writer.WriteByte(PositionFormat);
        writer.WriteVarInt64(_splits);
        writer.WriteVarInt64(_split);
        writer.WriteVarInt64(_progress.Count);
        foreach (var (relative, progress) in _progress)
        {
            writer.WriteString(relative);
            writer.WriteVarInt64(progress.Offset);
            writer.WriteVarInt64(progress.Line);
            writer.WriteBoolean(progress.Done);
        }
    }

    internal override bool RestoresFromAllTasks => true;

    public override void Seek(ref StateReader reader)
    {
        Clear();
        ReadPosition(ref reader, all: true);
    }

    /// <summary>
    /// Takes, from the positions of every task of the checkpoint, those of the files this split owns: at the same
    /// parallelism that is its own task's, at another the files are divided anew (each file's position moves with it).
    /// </summary>
    internal override void SeekAll(IReadOnlyList<SubtaskState> states)
    {
        Clear();
        foreach (var state in states)
        {
            var reader = new StateReader(state.Data.Span);
            ReadPosition(ref reader, all: false);
        }
    }

    private void Clear()
    {
        CloseFile();
        _progress.Clear();
        _listed = false;
        _finished = false;
    }

    private void ReadPosition(ref StateReader reader, bool all)
    {
        var format = reader.ReadByte();
        if (format != PositionFormat)
        {
            throw new CheckpointRestoreException($"File source '{_name}': the checkpoint's position has format {format}, this version reads {PositionFormat}.");
        }

        reader.ReadVarInt64(); // the split count and index it was written by: files are divided by their path alone
        reader.ReadVarInt64();
        var count = reader.ReadVarInt64();
        for (var i = 0; i < count; i++)
        {
            var relative = reader.ReadString() ?? throw new CheckpointRestoreException($"File source '{_name}': a file of the checkpoint's position has no path.");
            var progress = new Progress { Offset = reader.ReadVarInt64(), Line = reader.ReadVarInt64(), Done = reader.ReadBoolean() };
            if (!all && !FileSet.Owns(relative, _split, _splits))
            {
                continue;
            }

            if (!_progress.TryAdd(relative, progress))
            {
                throw new CheckpointRestoreException($"File source '{_name}': the checkpoint has two positions for file {_files.FullPath(relative)}, one per task that read it.");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseFile();
            if (_buffer is { } buffer)
            {
                _buffer = null;
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        base.Dispose(disposing);
    }

    private void List()
    {
        _listed = true;
        _next = 0;
        var listed = _files.List(_split, _splits);
        if (!_options.Follow)
        {
            if (listed.Count == 0 && _files.IsSingleFile)
            {
                throw new FileNotFoundException($"File source '{_name}': {_files.Display} does not exist.", _files.Display);
            }

            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (relative, _) in listed)
            {
                present.Add(relative);
            }

            foreach (var (relative, progress) in _progress)
            {
                if (!progress.Done && !present.Contains(relative))
                {
                    throw new FileSourceException(_files.FullPath(relative), progress.Line, progress.Offset, string.Empty,
                        "the file was being read at this position when the checkpoint was taken, and is gone");
                }
            }
        }

        _queue = new List<(string, long)>(listed.Count);
        foreach (var file in listed)
        {
            if (!_progress.TryGetValue(file.Relative, out var progress))
            {
                _queue.Add(file);
            }
            else if (file.Length < progress.Offset)
            {
                throw new FileSourceException(_files.FullPath(file.Relative), progress.Line, progress.Offset, string.Empty,
                    $"the file is {file.Length} bytes long, shorter than the position read up to: it was truncated or replaced");
            }
            else if (!progress.Done && (!_options.Follow || file.Length != progress.SeenLength))
            {
                _queue.Add(file);
            }
        }
    }

    /// <summary>Opens a file at its position (after its header); false when following and there is nothing to read in it yet.</summary>
    private bool Open(string relative)
    {
        _path = _files.FullPath(relative);
        if (!_progress.TryGetValue(relative, out var progress))
        {
            progress = new Progress();
            _progress.Add(relative, progress);
        }

        try
        {
            _stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException) when (_options.Follow)
        {
            // Deleted between the listing and now: a following source looks again next round.
            return false;
        }

        _file = progress;
        _buffer ??= ArrayPool<byte>.Shared.Rent(_options.BufferSize);
        _start = 0;
        _end = 0;
        _bufferOffset = 0;
        _eof = false;
        if (progress.Offset > 0 && progress.HeaderRead)
        {
            // Reopened (following): the header this reader read from it before still holds.
            _format.UseHeader(progress.Header);
        }
        else if (progress.Offset == 0 || _format.HasHeader)
        {
            // The start of the file: a UTF-8 byte order mark is skipped, and the header is read (also when resuming past it).
            while (_end < 3 && Fill())
            {
            }

            if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _start = 3;
            }

            var dataStart = (long)_start;
            var line = 1L;
            if (_format.HasHeader)
            {
                var headerOffset = _start;
                if (!FindLine(out var start, out var count, out _))
                {
                    // No complete header yet (an empty file, or one being written): nothing to read.
                    return true;
                }

                try
                {
                    progress.Header = _format.OnHeader(_buffer.AsSpan(start, count));
                    progress.HeaderRead = true;
                }
                catch (MalformedLineException ex)
                {
                    throw new FileSourceException(_path, 1, headerOffset, Encoding.UTF8.GetString(_buffer.AsSpan(start, count)), $"malformed header: {ex.Message}", ex.InnerException);
                }

                dataStart = _bufferOffset + _start;
                line = 2;
            }

            if (progress.Offset <= dataStart)
            {
                progress.Offset = dataStart;
                progress.Line = line;
                return true;
            }
        }

        _stream.Position = progress.Offset;
        _bufferOffset = progress.Offset;
        _start = 0;
        _end = 0;
        _eof = false;
        return true;
    }

    private void CloseFile()
    {
        _stream?.Dispose();
        _stream = null;
        _file = null;
    }

    /// <summary>The next complete line of the open file, its byte offset and number; the file's position moves past it.</summary>
    private bool NextLine(out int start, out int length, out long offset, out long number)
    {
        var before = _bufferOffset + _start;
        if (!FindLine(out start, out length, out var lines))
        {
            offset = 0;
            number = 0;
            return false;
        }

        // FindLine may have moved the buffer's contents: the line's offset is its start in the file either way.
        offset = before;
        number = _file!.Line;
        _file.Offset = _bufferOffset + _start;
        _file.Line += lines;
        return true;
    }

    /// <summary>
    /// Finds the next line in the buffer, reading more of the file as needed; <paramref name="start"/> and
    /// <paramref name="length"/> (without the line break and a CR before it) index the buffer until the next call.
    /// </summary>
    private bool FindLine(out int start, out int length, out int lines)
    {
        var buffer = _buffer!;
        var scanFrom = _start;
        while (true)
        {
            var found = buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (found >= 0)
            {
                var newline = scanFrom + found;
                if (_format.LineBreaksInQuotes && buffer.AsSpan(_start, newline - _start).Count((byte)'"') % 2 == 1)
                {
                    // The line break is inside quotes: the record goes on.
                    scanFrom = newline + 1;
                    continue;
                }

                start = _start;
                var end = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
                length = end - start;
                lines = _format.LineBreaksInQuotes ? buffer.AsSpan(start, newline - start).Count((byte)'\n') + 1 : 1;
                _start = newline + 1;
                return true;
            }

            scanFrom = _end;
            if (!_eof)
            {
                var shift = _start;
                if (Fill())
                {
                    scanFrom -= shift;
                    buffer = _buffer!;
                    continue;
                }

                scanFrom -= shift;
                _eof = true;
            }

            if (_options.Follow || _end == _start)
            {
                // Following, a last line without its line break may still be being written: it waits.
                start = 0;
                length = 0;
                lines = 0;
                return false;
            }

            // The end of a file read to its end: its last line needs no line break.
            start = _start;
            var last = _end > start && buffer[_end - 1] == '\r' ? _end - 1 : _end;
            length = last - start;
            lines = _format.LineBreaksInQuotes ? buffer.AsSpan(start, _end - start).Count((byte)'\n') + 1 : 1;
            _start = _end;
            return true;
        }
    }

    /// <summary>Moves the unread bytes to the front of the buffer (growing it when a line fills it) and reads more; false at the end of the file.</summary>
    private bool Fill()
    {
        var buffer = _buffer!;
        if (_start > 0)
        {
            Buffer.BlockCopy(buffer, _start, buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == buffer.Length)
        {
            if (buffer.Length >= _options.MaxLineLength)
            {
                throw new FileSourceException(_path, _file!.Line, _bufferOffset, Encoding.UTF8.GetString(buffer.AsSpan(0, Math.Min(buffer.Length, 1000))),
                    $"a line longer than MaxLineLength ({_options.MaxLineLength} bytes)");
            }

            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, _options.MaxLineLength));
            Buffer.BlockCopy(buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(buffer);
            _buffer = buffer = larger;
        }

        var read = _stream!.Read(buffer, _end, buffer.Length - _end);
        _end += read;
        return read > 0;
    }

    private bool TryDecode(int start, int length, long offset, long number, out T value)
    {
        var line = _buffer.AsSpan(start, length);
        try
        {
            value = _format.Decode(line);
            return true;
        }
        catch (Exception ex)
        {
            var reason = ex switch
            {
                MalformedLineException or CsvFieldException => ex.Message,
                _ => $"{_format.UserCode} threw {ex.GetType().Name}: {ex.Message}",
            };
            var error = new FileSourceException(_path, number, offset, Encoding.UTF8.GetString(line), reason, ex is MalformedLineException ? ex.InnerException : ex);
            if (_options.DeadLetters is not { } deadLetters)
            {
                throw error;
            }

            deadLetters.Emit(new DeadLetter(_name, error.Line, null, error));
            value = default!;
            return false;
        }
    }

    private sealed class Progress
    {
        public long Offset;
        public long Line = 1;
        public bool Done;
        public long SeenLength = -1;

        /// <summary>True once this reader read the file's header (it is not checkpointed: a restored reader reads it again).</summary>
        public bool HeaderRead;

        public object? Header;
    }
}
