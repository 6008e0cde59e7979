namespace Ovni.Quality;

/// <summary>A VMAF model file is missing, unreadable, or not in libvmaf's JSON model format.</summary>
internal sealed class VmafModelException : OvniException
{
    /// <summary>Creates the exception; the message names the model file.</summary>
    public VmafModelException(string message, string filePath, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }
}
