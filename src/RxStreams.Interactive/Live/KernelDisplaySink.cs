using System;
using System.Threading.Tasks;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace RxStreams.Interactive.Live;

/// <summary>
/// Shows a live view as one output of the running notebook cell and replaces it in place (Jupyter's
/// <c>update_display_data</c>), so the cell keeps one output however many windows fire. It publishes the display
/// events itself, with one display id for the first display and every update: in the kernel of the
/// <c>Microsoft.dotnet-interactive</c> 1.0.712001 tool, <c>DisplayedValue.Update</c> sends its Jupyter update under
/// another id than the displayed value's, so Jupyter frontends never apply it. Create it on the cell's thread: it keeps
/// the cell's invocation context, and updates may then come from any thread while the cell runs. The kernel drops what
/// is published after the cell ends, so <see cref="HoldCellUntilStopped"/> keeps the cell running while its view runs.
/// </summary>
public sealed class KernelDisplaySink : ILiveViewSink
{
    private readonly KernelInvocationContext _context;

    /// <summary>Binds to the current cell.</summary>
    /// <exception cref="InvalidOperationException">When no cell is running (outside a kernel).</exception>
    public KernelDisplaySink()
    {
        _context = KernelInvocationContext.Current
            ?? throw new InvalidOperationException("A live view is shown in a running notebook cell; no kernel command is running.");
    }

    /// <summary>The display id shared by the first display and its updates.</summary>
    public string DisplayId { get; } = "rxstreams-live-" + Guid.NewGuid().ToString("N");

    /// <inheritdoc />
    public void Show(string html, string text) =>
        _context.Publish(new DisplayedValueProduced(html, _context.Command, Values(html, text), DisplayId));

    /// <inheritdoc />
    public void Update(string html, string text) =>
        _context.Publish(new DisplayedValueUpdated(html, DisplayId, _context.Command, Values(html, text)));

    /// <summary>Shows another output in the cell, above the view and never replaced (plotly.js for the first chart).</summary>
    /// <param name="html">The output's HTML.</param>
    /// <param name="text">The output as plain text.</param>
    public void ShowOnce(string html, string text) =>
        _context.Publish(new DisplayedValueProduced(html, _context.Command, Values(html, text), "rxstreams-once-" + Guid.NewGuid().ToString("N")));

    private static FormattedValue[] Values(string html, string text) =>
        [new FormattedValue(HtmlFormatter.MimeType, html), new FormattedValue(PlainTextFormatter.MimeType, text)];

    /// <summary>
    /// Keeps the cell running until <paramref name="view"/> stops, also when the cell's code does not await it (the
    /// kernel drops display updates published after the cell ends), and stops the view when the cell is cancelled
    /// (interrupted) or fails. A cell interrupted while it only waits for its view stops it through the kernel
    /// extension, which stops every held view on the kernel's <c>Cancel</c> command.
    /// </summary>
    /// <param name="view">The view shown on this sink.</param>
    /// <returns>The view.</returns>
    public LiveView HoldCellUntilStopped(LiveView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        HeldViews.Add(view);
        var cancelled = _context.CancellationToken.Register(view.Stop);
        _context.OnComplete(_ =>
        {
            // Runs when the cell's code has finished, before the kernel reports the cell done. WhenAny never throws:
            // a failed stream shows its error in the view.
            HeldViews.OnHolding(view);
            Task.WhenAny(view.Completion).Wait();
            HeldViews.Remove(view);
            cancelled.Dispose();
        });
        return view;
    }
}
