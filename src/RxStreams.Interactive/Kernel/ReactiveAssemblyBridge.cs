using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;

namespace RxStreams.Interactive.Kernel;

/// <summary>
/// Lets RxStreams find its System.Reactive inside the kernel. The <c>dotnet-interactive</c> tool ships System.Reactive
/// 6.0 in its own (default) load context, while RxStreams is built against 7.0, which the notebook's <c>#r "nuget:"</c>
/// brings and the C# kernel loads for the notebook's code in a context of its own. Assemblies that the kernel loads in
/// the default context (RxStreams itself, this extension) then fail to bind to 7.0. This handler answers such a failed
/// request with an assembly of the same name and at least the requested version that is already loaded, so that
/// RxStreams and the notebook's code share one System.Reactive. It only runs when the default binding fails, so it
/// changes nothing where the versions agree (a test host, an application).
/// <para>
/// The same gap holds for FSharp.Core, the other way round: Plotly.NET 6, which draws the charts, is built against
/// FSharp.Core 10.1, while the tool ships FSharp.Core 10.0 in the default context, so Plotly.NET fails to load there.
/// For FSharp.Core alone the handler accepts a loaded assembly of the same major version even when its minor version
/// is lower (FSharp.Core keeps its API within a major version; a 10.0 and a 10.1 in one process would split its types).
/// </para>
/// </summary>
internal static class ReactiveAssemblyBridge
{
    private static int _installed;

    /// <summary>Adds the handler to the default load context, once.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += Resolve;
        }
    }

    /// <summary>An already loaded assembly with the requested name and at least the requested version, or null.</summary>
    /// <param name="context">The load context that failed to bind.</param>
    /// <param name="requested">The requested assembly.</param>
    internal static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested)
    {
        if (requested.Name is null)
        {
            return null;
        }

        Assembly? best = null;
        Version? bestVersion = null;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic)
            {
                continue;
            }

            var name = assembly.GetName();
            if (string.Equals(name.Name, requested.Name, StringComparison.OrdinalIgnoreCase) &&
                (requested.Version is null || (name.Version is not null && Satisfies(requested.Name, name.Version, requested.Version))) &&
                (bestVersion is null || (name.Version is not null && name.Version > bestVersion)))
            {
                best = assembly;
                bestVersion = name.Version;
            }
        }

        return best ?? (context == AssemblyLoadContext.Default ? FromPackageFolder(context, requested) : null);
    }

    /// <summary>
    /// The packages the charts need, each an assembly of the package's name. The kernel resolves them from its restore
    /// for the notebook's code, but in a notebook that names a package folder with <c>#i</c> before its <c>#r</c>,
    /// dotnet-interactive 1.0.712001 does not answer the default context's request for them; they are then read from
    /// the NuGet packages folder this extension was itself loaded from.
    /// </summary>
    private static readonly string[] ChartPackages = ["Plotly.NET", "Plotly.NET.CSharp", "DynamicObj", "Fable.Core", "Giraffe.ViewEngine"];

    private static readonly string[] Frameworks = ["net10.0", "net9.0", "net8.0", "net6.0", "netstandard2.1", "netstandard2.0"];

    private static Assembly? FromPackageFolder(AssemblyLoadContext context, AssemblyName requested)
    {
        var package = Array.Find(ChartPackages, p => string.Equals(p, requested.Name, StringComparison.OrdinalIgnoreCase));
        var location = typeof(ReactiveAssemblyBridge).Assembly.Location;
        if (package is null || string.IsNullOrEmpty(location))
        {
            return null;
        }

        // <packages>/rxstreams.interactive/<version>/lib/<framework>/RxStreams.Interactive.dll
        var packages = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(location)))));
        var folder = packages is null ? null : Path.Combine(packages, package.ToLowerInvariant());
        if (folder is null || !Directory.Exists(folder))
        {
            return null;
        }

        string? best = null;
        Version? bestVersion = null;
        foreach (var versionFolder in Directory.EnumerateDirectories(folder))
        {
            foreach (var framework in Frameworks)
            {
                var candidate = Path.Combine(versionFolder, "lib", framework, package + ".dll");
                if (!File.Exists(candidate))
                {
                    continue;
                }

                var version = AssemblyName.GetAssemblyName(candidate).Version;
                if (version is not null && (requested.Version is null || version >= requested.Version) && (bestVersion is null || version > bestVersion))
                {
                    best = candidate;
                    bestVersion = version;
                }

                break;
            }
        }

        return best is null ? null : context.LoadFromAssemblyPath(best);
    }

    private static bool Satisfies(string name, Version loaded, Version requested) =>
        loaded >= requested ||
        (string.Equals(name, FSharpCore, StringComparison.OrdinalIgnoreCase) && loaded.Major == requested.Major);

    private const string FSharpCore = "FSharp.Core";
}
