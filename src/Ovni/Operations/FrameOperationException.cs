namespace Ovni;

/// <summary>A frame operation was given frames or parameters it cannot work with (wrong format, device, size).</summary>
internal sealed class FrameOperationException : OvniException
{
    /// <summary>Creates the exception with a message naming the operation and the frame.</summary>
    public FrameOperationException(string message) : base(message) { }
}
