using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;
using System.IO.Hashing;
using System.Text;

namespace RxStreams.Ingestion;

/// <summary>
/// The files a file source reads: one file, the files of a directory, or those matching a glob (<c>*</c> and <c>?</c>
/// within a name, <c>**</c> for any number of directories), listed in ordinal order of their path relative to the base
/// directory. Names starting with <c>.</c> or <c>_</c> are skipped, as Flink does (hidden and in-progress files). Split
/// <c>i</c> of <c>n</c> owns the files whose relative path hashes to <c>i</c> (XxHash3 modulo n): every split decides
/// alone, also for files that appear later, and a file always belongs to the same split.
/// </summary>
internal sealed class FileSet
{
    private readonly string[]? _pattern;
    private readonly bool _single;

    public FileSet(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (full.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            var segments = full.Split(Path.DirectorySeparatorChar);
            var literal = 0;
            while (literal < segments.Length && segments[literal].AsSpan().IndexOfAny('*', '?') < 0)
            {
                literal++;
            }

            BaseDirectory = literal == 0 ? Path.GetPathRoot(full)! : string.Join(Path.DirectorySeparatorChar, segments, 0, literal);
            if (BaseDirectory.Length == 0)
            {
                BaseDirectory = Path.GetPathRoot(full)!;
            }

            _pattern = segments[literal..];
            Description = $"the files matching {full}";
        }
        else if (Directory.Exists(full))
        {
            BaseDirectory = full;
            Description = $"the files of {full}";
        }
        else
        {
            BaseDirectory = Path.GetDirectoryName(full)!;
            _single = true;
            Description = full;
        }

        Display = full;
    }

    /// <summary>True when the path names one file rather than a directory or a glob.</summary>
    public bool IsSingleFile => _single;

    /// <summary>The directory relative paths start from.</summary>
    public string BaseDirectory { get; }

    /// <summary>The path as given, made full.</summary>
    public string Display { get; }

    /// <summary>What the set is, for messages.</summary>
    public string Description { get; }

    /// <summary>The full path of a relative path of this set.</summary>
    public string FullPath(string relative) => Path.Combine(BaseDirectory, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>True when split <paramref name="split"/> of <paramref name="splits"/> reads the file.</summary>
    public static bool Owns(string relative, int split, int splits)
    {
        if (splits == 1)
        {
            return true;
        }

        var hash = XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(relative));
        return (int)(hash % (ulong)splits) == split;
    }

    /// <summary>
    /// The files now present that split <paramref name="split"/> of <paramref name="splits"/> owns, in order, with
    /// their lengths. A single file that does not exist is an empty list; the caller decides whether that is an error.
    /// </summary>
    public List<(string Relative, long Length)> List(int split, int splits)
    {
        var files = new List<(string Relative, long Length)>();
        if (_single)
        {
            var info = new FileInfo(Display);
            if (info.Exists)
            {
                files.Add((info.Name, info.Length));
            }

            return files;
        }

        if (!Directory.Exists(BaseDirectory))
        {
            return files;
        }

        var recursive = _pattern is not null && (_pattern.Length > 1 || Array.IndexOf(_pattern, "**") >= 0);
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.None, ReturnSpecialDirectories = false };
        foreach (var info in new DirectoryInfo(BaseDirectory).EnumerateFiles("*", options))
        {
            var relative = Path.GetRelativePath(BaseDirectory, info.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (Hidden(relative) || (_pattern is not null && !Matches(relative.Split('/'), 0, 0)) || !Owns(relative, split, splits))
            {
                continue;
            }

            files.Add((relative, info.Length));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return files;
    }

    private static bool Hidden(string relative)
    {
        foreach (var segment in relative.Split('/'))
        {
            if (segment.StartsWith('.') || segment.StartsWith('_'))
            {
                return true;
            }
        }

        return false;
    }

    private bool Matches(string[] path, int p, int g)
    {
        var pattern = _pattern!;
        if (g == pattern.Length)
        {
            return p == path.Length;
        }

        if (pattern[g] == "**")
        {
            for (var skip = p; skip <= path.Length; skip++)
            {
                if (Matches(path, skip, g + 1))
                {
                    return true;
                }
            }

            return false;
        }

        return p < path.Length && FileSystemName.MatchesSimpleExpression(pattern[g], path[p], ignoreCase: false) && Matches(path, p + 1, g + 1);
    }
}
