namespace RxStreams.Interactive;

/// <summary>Placeholder for the notebook kernel extension; the notebook issue fills this project.</summary>
public static class InteractiveExtension
{
    /// <summary>The name under which the extension will register with the kernel.</summary>
    public const string Name = "RxStreams.Interactive";
}
