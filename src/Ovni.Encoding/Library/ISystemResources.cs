namespace Ovni.Encoding.Library;

/// <summary>Readings the resource guards act on (a seam so tests can play low memory, a full disk or a busy GPU).</summary>
internal interface ISystemResources
{
    /// <summary>Memory available to new work, in bytes (Linux: MemAvailable).</summary>
    long AvailableMemoryBytes();

    /// <summary>Free bytes on the volume holding <paramref name="folder"/>.</summary>
    long FreeBytes(string folder);

    /// <summary>1-minute load average per core; null where the OS does not say.</summary>
    double? LoadPerCore();

    /// <summary>Free GPU memory in bytes; null without CUDA.</summary>
    long? FreeVramBytes();
}
