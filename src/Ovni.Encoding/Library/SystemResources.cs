using System.Globalization;

namespace Ovni.Encoding.Library;

/// <summary>The machine's real readings: /proc on Linux, the GC's view elsewhere, DriveInfo for disks, the core's
/// <see cref="CudaDevice.GetMemoryInfo"/> for CUDA memory (opened only when a GPU encoder is configured).</summary>
internal sealed class SystemResources(bool watchGpu) : ISystemResources
{
    private ComputeDevice? _gpu;
    private bool _vramTried;

    public long AvailableMemoryBytes()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                foreach (string line in File.ReadLines("/proc/meminfo"))
                    if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            catch (IOException)
            {
                // Fall through to the runtime's view.
            }
        }
        GCMemoryInfo info = GC.GetGCMemoryInfo();
        return info.TotalAvailableMemoryBytes - info.MemoryLoadBytes;
    }

    public long FreeBytes(string folder) => FreeBytesOf(folder);

    /// <summary>Free bytes on the disk that holds <paramref name="folder"/> (or its nearest existing parent).</summary>
    internal static long FreeBytesOf(string folder)
    {
        string? existing = folder;
        while (existing is not null && !Directory.Exists(existing)) existing = Path.GetDirectoryName(existing);
        return new DriveInfo(existing ?? folder).AvailableFreeSpace;
    }

    public double? LoadPerCore()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            string first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture) / Environment.ProcessorCount;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public long? FreeVramBytes()
    {
        if (!watchGpu) return null;
        if (!_vramTried)
        {
            _vramTried = true;
            try
            {
                ComputeDevice device = ComputeDevice.Get(DeviceKind.Auto);
                if (device.Kind != DeviceKind.Cpu) _gpu = device;
            }
            catch (OvniException)
            {
                // No usable CUDA device: nothing to guard.
            }
        }
        return _gpu?.FreeMemoryBytes;
    }
}
