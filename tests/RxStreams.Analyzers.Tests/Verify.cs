using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace RxStreams.Analyzers.Tests;

/// <summary>
/// Runs the analyzer and its code fix on user code compiled against this runtime's framework assemblies, RxStreams and
/// System.Reactive (nothing is downloaded). User code lives in its own namespace, as in an application.
/// </summary>
internal static class Verify
{
    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning).WithLocation(0);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<PlainRxOperatorAnalyzer, DefaultVerifier> { TestCode = source };
        Configure(test.TestState, test);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task CodeFixAsync(string source, DiagnosticResult expected, string fixedSource, string equivalenceKey)
    {
        var test = new CSharpCodeFixTest<PlainRxOperatorAnalyzer, PlainRxOperatorCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        Configure(test.TestState, test);
        Configure(test.FixedState, test);
        test.ExpectedDiagnostics.Add(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private static void Configure(SolutionState state, AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        state.AdditionalReferences.AddRange(References);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var files = Directory.GetFiles(framework, "*.dll")
            .Where(f => Path.GetFileName(f).StartsWith("System.", System.StringComparison.Ordinal) || Path.GetFileName(f) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(StreamElement).Assembly.Location)
            .Append(typeof(System.Reactive.Linq.Observable).Assembly.Location);
        return files.Where(IsManaged).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (System.BadImageFormatException)
        {
            return false;
        }
    }
}
