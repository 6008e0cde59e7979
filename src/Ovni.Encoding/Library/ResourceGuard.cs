namespace Ovni.Encoding.Library;

/// <summary>
/// Says whether new work may start now, and if not, why (the queue waits and shows the reason; nothing running is
/// stopped). Memory, CPU load, VRAM and the schedule window hold every new file; free disk is checked per file
/// against its own projected output.
/// </summary>
internal sealed class ResourceGuard(AutoEncodeOptions options, ISystemResources resources, Func<DateTime> clock)
{
    /// <summary>Why no new file may start now; null when one may.</summary>
    internal string? HoldReason(bool gpu)
    {
        ResourceGuards g = options.Guards;
        if (options.Schedule is ScheduleWindow window && !window.Contains(TimeOnly.FromDateTime(clock())))
            return $"outside the schedule window {window} (opens in {Format(window.UntilOpen(clock()))})";
        if (g.MinAvailableMemoryBytes > 0)
        {
            long available = resources.AvailableMemoryBytes();
            if (available < g.MinAvailableMemoryBytes)
                return $"low memory: {FileFilter.Bytes(available)} available < {FileFilter.Bytes(g.MinAvailableMemoryBytes)}";
        }
        if (g.MaxLoadPerCore is double max && resources.LoadPerCore() is double load && load > max)
            return $"CPU busy: load {load:0.00} per core > {max:0.00}";
        if (gpu && g.MinFreeVramBytes > 0 && resources.FreeVramBytes() is long vram && vram < g.MinFreeVramBytes)
            return $"low GPU memory: {FileFilter.Bytes(vram)} free < {FileFilter.Bytes(g.MinFreeVramBytes)}";
        return null;
    }

    /// <summary>Why this file's output may not start on <paramref name="folder"/>; null when it fits with headroom.</summary>
    internal string? DiskHoldReason(string folder, long projectedOutput)
    {
        double headroom = options.Guards.DiskHeadroom;
        if (headroom <= 0) return null;
        long need = (long)(projectedOutput * headroom);
        long free = resources.FreeBytes(folder);
        return free < need ? $"low disk space on the destination: {FileFilter.Bytes(free)} free < {FileFilter.Bytes(need)} needed (projected output × {headroom:0.##})" : null;
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes:00} min" : $"{t.Minutes} min";
}
