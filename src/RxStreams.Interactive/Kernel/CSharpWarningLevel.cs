using System.Reflection;

namespace RxStreams.Interactive.Kernel;

/// <summary>
/// Keeps warning CS1701 out of notebook cells. System.Reactive 7 is built for .NET 8, so it refers to framework
/// assemblies of version 8.0.0.0 (System.Linq.Expressions, System.ComponentModel, ...), while the C# kernel compiles
/// every cell against the running .NET 10 framework. The compiler unifies the two and reports CS1701 ("Assuming
/// assembly reference ... matches identity ...") without a source location, so <c>#pragma warning disable</c> cannot
/// silence it; MSBuild projects never show it because the SDK puts CS1701 into <c>NoWarn</c>. The C# kernel compiles
/// cells with Roslyn's scripting API, whose only diagnostic option is the warning level, and CS1701 is a level-2
/// warning. This sets the C# kernel's warning level to 1 (level-1 warnings, such as CS4014 for a call not awaited, still show; level 2 to 4 ones, such as CS0618 for an obsolete member, no longer do).
/// The kernel keeps the options in a private field, so this finds it by reflection and leaves a kernel without it
/// unchanged.
/// </summary>
internal static class CSharpWarningLevel
{
    /// <summary>The warning level below which CS1701 (level 2) and CS1702 (level 3) are not reported.</summary>
    public const int Level = 1;

    /// <summary>
    /// Sets the warning level of every C# kernel in <paramref name="kernel"/> (itself or its subkernels) to
    /// <see cref="Level"/>; returns how many kernels it changed.
    /// </summary>
    /// <param name="kernel">The kernel that loads the extension, or the root kernel.</param>
    public static int Apply(Microsoft.DotNet.Interactive.Kernel kernel)
    {
        var changed = 0;
        var root = kernel.RootKernel ?? kernel;
        Microsoft.DotNet.Interactive.KernelExtensions.VisitSubkernelsAndSelf(root, k =>
        {
            if (TrySet(k))
            {
                changed++;
            }
        });
        return changed;
    }

    /// <summary>The warning level of a C# kernel's script options, or null for another kernel.</summary>
    /// <param name="kernel">A kernel.</param>
    public static int? Get(Microsoft.DotNet.Interactive.Kernel kernel) =>
        OptionsField(kernel) is { } field && field.GetValue(kernel) is { } options
            ? (int?)options.GetType().GetProperty("WarningLevel")?.GetValue(options)
            : null;

    private static bool TrySet(Microsoft.DotNet.Interactive.Kernel kernel)
    {
        if (OptionsField(kernel) is not { } field || field.GetValue(kernel) is not { } options)
        {
            return false;
        }

        var withWarningLevel = options.GetType().GetMethod("WithWarningLevel", [typeof(int)]);
        if (withWarningLevel is null)
        {
            return false;
        }

        field.SetValue(kernel, withWarningLevel.Invoke(options, [Level]));
        return true;
    }

    private static FieldInfo? OptionsField(Microsoft.DotNet.Interactive.Kernel kernel)
    {
        for (var type = kernel.GetType(); type is not null; type = type.BaseType)
        {
            if (type.FullName == "Microsoft.DotNet.Interactive.CSharp.CSharpKernel")
            {
                var field = type.GetField("_scriptOptions", BindingFlags.NonPublic | BindingFlags.Instance);
                return field?.FieldType.FullName == "Microsoft.CodeAnalysis.Scripting.ScriptOptions" ? field : null;
            }
        }

        return null;
    }
}
