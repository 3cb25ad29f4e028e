using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace RxStreams.Tests.Readme;

/// <summary>
/// Keeps README.md honest: every <c>```csharp</c> block in it must appear verbatim (up to indentation and trailing
/// whitespace) in <c>ReadmeExamples.cs</c>, where the tests run it and check its results; and every region marked
/// <c>// README: name</c> there must still be in the README.
/// </summary>
public partial class ReadmeSyncTest
{
    private const string EndMarker = "// END README";

    [Fact]
    public void EveryReadmeSnippetIsInReadmeExamples()
    {
        var blocks = ReadmeBlocks();
        Assert.NotEmpty(blocks);
        var examples = ExampleLines();
        foreach (var block in blocks)
        {
            Assert.True(
                ContainsIndented(examples, block),
                "This README.md snippet is not in tests/RxStreams.Tests/Readme/ReadmeExamples.cs (indentation aside); " +
                "copy it there verbatim between '// README: <name>' and '" + EndMarker + "' and assert its results:\n" +
                string.Join("\n", block));
        }
    }

    [Fact]
    public void EveryMarkedExampleIsInTheReadme()
    {
        var blocks = ReadmeBlocks();
        var regions = MarkedRegions();
        Assert.NotEmpty(regions);
        foreach (var (name, lines) in regions)
        {
            Assert.True(
                blocks.Any(b => b.SequenceEqual(lines)),
                $"The region '// README: {name}' of ReadmeExamples.cs is not a ```csharp block of README.md any more:\n" +
                string.Join("\n", lines));
        }

        Assert.Equal(blocks.Count, regions.Count);
    }

    [Fact]
    public void NormaliseStripsCommonIndentationAndTrailingWhitespace()
    {
        Assert.Equal(["a();", "", "  b(); // c"], Normalise(["    a();  ", "   ", "      b(); // c\t"]));
    }

    /// <summary>The ```csharp blocks of README.md, each normalised.</summary>
    private static List<string[]> ReadmeBlocks()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        return FencedCSharp().Matches(readme).Select(m => Normalise(SplitLines(m.Groups["body"].Value))).ToList();
    }

    /// <summary>The lines of ReadmeExamples.cs, trailing whitespace trimmed.</summary>
    private static string[] ExampleLines()
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "RxStreams.Tests", "Readme", "ReadmeExamples.cs");
        return SplitLines(File.ReadAllText(path)).Select(l => l.TrimEnd()).ToArray();
    }

    /// <summary>The regions between <c>// README: name</c> and <see cref="EndMarker"/>, each normalised.</summary>
    private static List<(string Name, string[] Lines)> MarkedRegions()
    {
        var lines = ExampleLines();
        var regions = new List<(string, string[])>();
        for (var i = 0; i < lines.Length; i++)
        {
            var start = lines[i].Trim();
            if (!start.StartsWith("// README:", StringComparison.Ordinal))
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == EndMarker);
            Assert.True(end > i, $"'{start}' in ReadmeExamples.cs has no '{EndMarker}' after it.");
            regions.Add((start["// README:".Length..].Trim(), Normalise(lines[(i + 1)..end])));
            i = end;
        }

        return regions;
    }

    /// <summary>True when <paramref name="block"/> occurs in <paramref name="lines"/> as consecutive lines, all shifted by one indentation.</summary>
    private static bool ContainsIndented(string[] lines, string[] block)
    {
        for (var start = 0; start + block.Length <= lines.Length; start++)
        {
            var first = lines[start];
            var indent = first.Length - first.TrimStart().Length;
            if (first[indent..] != block[0])
            {
                continue;
            }

            var prefix = first[..indent];
            var all = true;
            for (var k = 1; k < block.Length && all; k++)
            {
                all = block[k].Length == 0 ? lines[start + k].Length == 0 : lines[start + k] == prefix + block[k];
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Trims trailing whitespace per line, drops blank lines at both ends, and strips the common leading whitespace.</summary>
    internal static string[] Normalise(IEnumerable<string> lines)
    {
        var trimmed = lines.Select(l => l.TrimEnd()).ToList();
        while (trimmed.Count > 0 && trimmed[0].Length == 0)
        {
            trimmed.RemoveAt(0);
        }

        while (trimmed.Count > 0 && trimmed[^1].Length == 0)
        {
            trimmed.RemoveAt(trimmed.Count - 1);
        }

        var common = trimmed.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return trimmed.Select(l => l.Length == 0 ? l : l[common..]).ToArray();
    }

    private static string[] SplitLines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>
    /// The folder holding RxStreams.sln, found by walking up from the test assembly's folder; when the build output
    /// lives outside the repository (<c>--artifacts-path</c>), from this source file's folder instead.
    /// </summary>
    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RxStreams.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"RxStreams.sln not found above {AppContext.BaseDirectory} nor above {sourceFile}.");
    }

    [GeneratedRegex(@"^[ \t]*```csharp[ \t]*\r?\n(?<body>.*?)^[ \t]*```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCSharp();
}
