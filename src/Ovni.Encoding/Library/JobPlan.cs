namespace Ovni.Encoding.Library;

/// <summary>
/// Where one file's output goes and how it is written: the final path, the job's work folder on the destination
/// volume (the writer's temporary files live only there), the quarantine path of the original, the muxer and the
/// output pixel format.
/// </summary>
internal sealed record JobPlan(string FinalPath, string WorkDirectory, string TempOutput, string? QuarantinePath, string Muxer,
    PixelFormat? PixelFormat, string? ContainerNote)
{
    private static readonly HashSet<string> Mp4Audio = new(StringComparer.Ordinal) { "aac", "mp3", "ac3", "eac3", "opus", "flac", "alac" };

    /// <summary>Plans <paramref name="job"/> under <paramref name="options"/>.</summary>
    internal static JobPlan Make(AutoEncodeOptions options, QueueEntry job, MediaInfo info)
    {
        string? note = null;
        bool mp4 = options.Container == "mp4";
        if (mp4 && Mp4Blocker(info) is string blocker)
        {
            mp4 = false;
            note = $"mkv instead of mp4: {blocker}";
        }
        else if (!mp4 && info.Video is { Rotation: not 0 } video && Mp4Blocker(info) is null)
        {
            // FFmpeg 5.1's Matroska muxer writes no display matrix: in mkv a phone's portrait video would play on its side.
            mp4 = true;
            note = FormattableString.Invariant($"mp4 instead of mkv: the video's display rotation ({video.Rotation}°) can only be stored there");
        }
        string extension = mp4 ? ".mp4" : ".mkv";
        string source = job.Path;
        string stem = Path.GetFileNameWithoutExtension(source);
        string sourceFolder = Path.GetDirectoryName(source)!;
        string final;
        if (options.SourceAction == SourceAction.Replace)
        {
            final = Path.Combine(sourceFolder, stem + extension);
        }
        else
        {
            string folder = options.OutputFolder is null
                ? sourceFolder
                : Path.GetFullPath(Path.Combine(options.OutputFolder, Path.GetRelativePath(job.Root, sourceFolder)));
            final = Path.Combine(folder, stem + options.OutputSuffix + extension);
        }
        string work = Path.Combine(Path.GetDirectoryName(final)!, $".ovni-tmp-{job.Id}");
        string? quarantine = options.SourceAction is SourceAction.Quarantine or SourceAction.Replace ? QuarantineFor(options, job) : null;
        PixelFormat? pixels = options.BitDepth switch
        {
            OutputBitDepth.Eight => Ovni.PixelFormat.Yuv420P,
            OutputBitDepth.Ten => Ovni.PixelFormat.Yuv420P10,
            _ => null, // the source's own format where the encoder takes it, else 4:2:0 at the source's depth
        };
        return new JobPlan(final, work, Path.Combine(work, "output" + extension), quarantine, mp4 ? "mp4" : "matroska", pixels, note);
    }

    /// <summary>Why the streams cannot all go into mp4; null when they can.</summary>
    internal static string? Mp4Blocker(MediaInfo info)
    {
        if (info.AudioStreams.FirstOrDefault(a => !Mp4Audio.Contains(a.Codec)) is AudioStreamInfo audio) return $"{audio.Codec} audio";
        if (info.SubtitleStreams.FirstOrDefault(s => s.Codec != "mov_text") is SubtitleStreamInfo sub) return $"{sub.Codec} subtitles";
        int other = info.StreamCount - 1 - info.AudioStreams.Count - info.SubtitleStreams.Count;
        return other > 0 ? $"{other} attachment/data stream(s)" : null;
    }

    /// <summary>The original's place in quarantine, mirroring the library's tree; never an existing file's name.</summary>
    private static string QuarantineFor(AutoEncodeOptions options, QueueEntry job)
    {
        string root = options.QuarantineFolder is null ? Path.Combine(job.Root, ".ovni-quarantine") : Path.GetFullPath(options.QuarantineFolder);
        string path = Path.Combine(root, Path.GetRelativePath(job.Root, job.Path));
        string stem = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));
        for (int n = 1; File.Exists(path) || File.Exists(path + ".partial"); n++) path = $"{stem}.{n}{Path.GetExtension(job.Path)}";
        return path;
    }
}
