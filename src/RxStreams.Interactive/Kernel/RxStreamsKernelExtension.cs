using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using RxStreams.Interactive.Live;

namespace RxStreams.Interactive.Kernel;

/// <summary>
/// The kernel extension, loaded by <c>#r "nuget: RxStreams.Interactive"</c> from the package's
/// <c>interactive-extensions/dotnet</c> folder: it lets RxStreams bind to the notebook's System.Reactive and registers
/// the RxStreams formatters, and keeps compiler warning CS1701 (from System.Reactive's .NET 8 references) out of
/// the cells (see <see cref="CSharpWarningLevel"/>). The live view (<c>DisplayLive</c>), timelines and <c>ToDataFrame</c> are extension
/// methods in <c>RxStreams.Interactive</c>.
/// </summary>
public sealed class RxStreamsKernelExtension : IKernelExtension
{
    /// <summary>The extension's name.</summary>
    public const string Name = "RxStreams.Interactive";

    /// <inheritdoc />
    public Task OnLoadAsync(Microsoft.DotNet.Interactive.Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ReactiveAssemblyBridge.Install();
        CSharpWarningLevel.Apply(kernel);
        (kernel.RootKernel ?? kernel).AddMiddleware(StopHeldViewsOnCancel);
        RegisterFormatters();
        return Task.CompletedTask;
    }

    // Interrupting a cell sends Cancel; a cell that waits for its live view after its code returned is not cancelled
    // by the kernel itself, so stop such views here.
    private static async Task StopHeldViewsOnCancel(KernelCommand command, KernelInvocationContext context, KernelPipelineContinuation next)
    {
        if (command is Cancel)
        {
            HeldViews.StopAll();
        }

        await next(command, context).ConfigureAwait(false);
    }

    // A separate method, so that RxStreams' types are bound only after the bridge is installed.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterFormatters() => RxStreamsFormatters.Register();
}
