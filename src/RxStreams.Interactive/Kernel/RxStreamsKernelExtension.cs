using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
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
        (kernel.RootKernel ?? kernel).AddMiddleware(Middleware);

        // An exception out of an extension's OnLoadAsync leaves the Jupyter kernel of dotnet-interactive 1.0.712001
        // waiting forever on the cell that loaded it (its error handler fails), so a formatter that cannot be
        // registered is reported in the cell instead.
        try
        {
            RegisterFormatters();
        }
        catch (Exception e)
        {
            var message = $"RxStreams.Interactive: the RxStreams formatters could not be registered ({e.GetType().Name}: {e.Message}); values show in the kernel's default format.";
            if (KernelInvocationContext.Current is { } context)
            {
                context.Publish(new StandardErrorValueProduced(context.Command, [new FormattedValue(PlainTextFormatter.MimeType, message)]));
            }
        }

        return Task.CompletedTask;
    }

    private static async Task Middleware(KernelCommand command, KernelInvocationContext context, KernelPipelineContinuation next)
    {
        // Interrupting a cell sends Cancel; a cell that waits for its live view after its code returned is not
        // cancelled by the kernel itself, so stop such views here.
        if (command is Cancel)
        {
            HeldViews.StopAll();
        }

        await next(command, context).ConfigureAwait(false);

        // The stream formatters need the System.Reactive that the extension's script loads after the extension
        // itself (see RxStreamsFormatters.TryRegisterStreams): register them after the first command that made it
        // available.
        TryRegisterStreams();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TryRegisterStreams() => RxStreamsFormatters.TryRegisterStreams();

    // A separate method, so that RxStreams' types are bound only after the bridge is installed.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterFormatters() => RxStreamsFormatters.Register();
}
