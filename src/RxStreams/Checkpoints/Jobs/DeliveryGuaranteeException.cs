using System;

namespace RxStreams.Checkpoints;

/// <summary>
/// A job's parts cannot give the <see cref="DeliveryGuarantee"/> it asks for (an unreplayable source, a sink that is
/// not exactly-once, records reaching the job's observer under end-to-end exactly-once): the message names the part.
/// A restart would meet the same parts, so the job stops.
/// </summary>
public sealed class DeliveryGuaranteeException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What cannot give the guarantee, and how to fix it.</param>
    public DeliveryGuaranteeException(string message)
        : base(message)
    {
    }
}
