namespace Ovni.Chunking.Tests;

/// <summary>
/// Small real inputs for the chunking tests, made once per test run by the ffmpeg tool from ../shared/media: clips of
/// different films joined at known frames (so the cut frames are known exactly), with audio and chapters.
/// </summary>
internal static class ChunkingInputs
{
    private static readonly Lock Gate = new();
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "ovni-chunking-inputs-" + Environment.ProcessId);
    private static readonly Dictionary<string, string> Made = new();

    static ChunkingInputs()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
    }

    /// <summary>Frame at which the second clip starts in <see cref="TwoScenes"/>.</summary>
    internal const int SecondClipFrame = 96;

    /// <summary>Frame at which the third clip starts in <see cref="TwoScenes"/>.</summary>
    internal const int ThirdClipFrame = 168;

    /// <summary>
    /// 9 s at 24 fps, 320x180: 4 s of Tears of Steel, 3 s of Big Buck Bunny, 2 s of the static camera; clip borders at
    /// frames 96 and 168; H.264 with B-frames, AAC audio, three chapters, a title.
    /// </summary>
    internal static string TwoScenes() => Make("three-clips.mkv", 320, 180, [4, 3, 2], "libx264");

    /// <summary>The same clips as <see cref="TwoScenes"/> in an mp4 (1/12288 time base) for timestamp precision.</summary>
    internal static string ThreeClipsMp4() => Make("three-clips.mp4", 320, 180, [4, 3, 2], "libx264");

    /// <summary>A longer input for kill-and-resume: 24 s at 24 fps, 256x144, clip borders every 8 s.</summary>
    internal static string Long() => Make("long.mkv", 256, 144, [8, 8, 8], "libx264");

    private static string Make(string name, int width, int height, double[] seconds, string codec)
    {
        string tos = TestMedia.Require("tears-of-steel-battle-clip-medium.webm");
        string bbb = TestMedia.Require("big_buck_bunny_60s_360p.mp4");
        string cam = TestMedia.Require("people_static_camera_432p.mp4");
        lock (Gate)
        {
            if (Made.TryGetValue(name, out string? done)) return done;
            Directory.CreateDirectory(Folder);
            string output = Path.Combine(Folder, name);
            string meta = Path.Combine(Folder, name + ".meta");
            long a = (long)(seconds[0] * 1000), b = a + (long)(seconds[1] * 1000), c = b + (long)(seconds[2] * 1000);
            File.WriteAllText(meta, $";FFMETADATA1\ntitle=Ovni chunking test\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND={a}\ntitle=Tears of Steel\n" +
                $"[CHAPTER]\nTIMEBASE=1/1000\nSTART={a}\nEND={b}\ntitle=Big Buck Bunny\n[CHAPTER]\nTIMEBASE=1/1000\nSTART={b}\nEND={c}\ntitle=Static camera\n");
            string fit = $"scale={width}:{height}:force_original_aspect_ratio=decrease,pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=24,format=yuv420p";
            string I(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string graph = $"[0:v]trim=start=20:duration={I(seconds[0])},setpts=PTS-STARTPTS,{fit}[v0];" +
                           $"[1:v]trim=start=10:duration={I(seconds[1])},setpts=PTS-STARTPTS,{fit}[v1];" +
                           $"[2:v]trim=start=30:duration={I(seconds[2])},setpts=PTS-STARTPTS,{fit}[v2];" +
                           $"[0:a]atrim=start=20:duration={I(seconds[0])},asetpts=PTS-STARTPTS,aresample=48000,aformat=channel_layouts=stereo[a0];" +
                           $"[1:a]atrim=start=10:duration={I(seconds[1])},asetpts=PTS-STARTPTS,aresample=48000,aformat=channel_layouts=stereo[a1];" +
                           $"[3:a]aformat=channel_layouts=stereo[a2];" +
                           "[v0][a0][v1][a1][v2][a2]concat=n=3:v=1:a=1[v][a]";
            FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", tos, "-i", bbb, "-i", cam,
                "-f", "lavfi", "-t", I(seconds[2]), "-i", "anullsrc=r=48000:cl=stereo", "-i", meta,
                "-filter_complex", graph, "-map", "[v]", "-map", "[a]", "-map_metadata", "4", "-map_chapters", "4",
                "-c:v", codec, "-preset", "veryfast", "-crf", "20", "-bf", "3", "-c:a", "aac", "-b:a", "64k", output);
            Made[name] = output;
            return output;
        }
    }
}
