using System.Globalization;

namespace Ovni.Encoding.Library;

/// <summary>Decides whether a probed file is worth re-encoding; a skip comes with the reason the user will read.</summary>
internal static class FileFilter
{
    /// <summary>Checks that need only the name and size (no probe): Ovni outputs, skip-suffixed names, tiny files.</summary>
    internal static string? BeforeProbe(AutoEncodeOptions options, string path, long size)
    {
        string stem = Path.GetFileNameWithoutExtension(path);
        if (options.OutputSuffix.Length > 0 && stem.EndsWith(options.OutputSuffix, StringComparison.OrdinalIgnoreCase))
            return $"the name ends with the output suffix '{options.OutputSuffix}' (an encoded file)";
        if (options.SkipSuffix.Length > 0 && stem.EndsWith(options.SkipSuffix, StringComparison.OrdinalIgnoreCase))
            return $"the name ends with the skip suffix '{options.SkipSuffix}'";
        if (size < options.Filters.MinSizeBytes)
            return $"smaller than the minimum size ({Bytes(size)} < {Bytes(options.Filters.MinSizeBytes)})";
        return null;
    }

    /// <summary>Checks on the probed streams.</summary>
    internal static string? AfterProbe(AutoEncodeOptions options, MediaInfo info, long size)
    {
        LibraryFilters f = options.Filters;
        if (info.Video is not VideoStreamInfo video) return "no video stream";
        if (f.SkipCodecs.Contains(video.Codec, StringComparer.OrdinalIgnoreCase))
            return $"the video is already {video.Codec} (an efficient codec; filters.skip_codecs)";
        TimeSpan duration = info.Duration > TimeSpan.Zero ? info.Duration : video.Duration;
        if (duration < f.MinDuration)
            return $"shorter than the minimum duration ({duration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s < {f.MinDuration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s)";
        int side = Math.Max(video.Width, video.Height);
        if (f.MaxResolution > 0 && side > f.MaxResolution)
            return $"larger than the maximum resolution ({video.Width}x{video.Height} > {f.MaxResolution} px)";
        ResolutionClass resolution = Resolution.Classify(video.Width, video.Height);
        long bitRate = VideoBitRate(info, size);
        if (f.MinBitRate.TryGetValue(resolution, out long min) && bitRate > 0 && bitRate < min)
            return $"already below the minimum bit rate for {Resolution.Name(resolution)} ({bitRate / 1000} kb/s < {min / 1000} kb/s)";
        return null;
    }

    /// <summary>The video's bit rate: the stream's own when the container says, else the file's overall rate.</summary>
    internal static long VideoBitRate(MediaInfo info, long size)
    {
        if (info.Video?.BitRate > 0) return info.Video.BitRate;
        if (info.BitRate > 0) return info.BitRate;
        return info.Duration > TimeSpan.Zero ? (long)(size * 8 / info.Duration.TotalSeconds) : 0;
    }

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes + " B",
    };
}
