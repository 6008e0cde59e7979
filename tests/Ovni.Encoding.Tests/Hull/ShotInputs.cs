using System.Globalization;

namespace Ovni.Encoding.Tests;

/// <summary>
/// A small many-shot input for the convex-hull tests, made once per test run by the ffmpeg tool from ../shared/media:
/// six clips of 1.5 s (36 frames at 24 fps, 320x180) of different films and complexity, joined at known frames.
/// </summary>
internal static class ShotInputs
{
    private static readonly Lock Gate = new();
    private static string? _made;

    /// <summary>Frames per shot.</summary>
    internal const int ShotFrames = 36;

    /// <summary>The clips, each with where it is cut from (seconds).</summary>
    private static readonly (string File, double Start)[] Clips =
    [
        ("tears-of-steel-battle-clip-medium.webm", 20), ("big_buck_bunny_60s_360p.mp4", 10), ("people_static_camera_432p.mp4", 30),
        ("cockatoo.mp4", 3), ("internal_emulator_transformer_output.mp4", 1), ("tears-of-steel-battle-clip-medium.webm", 47.5),
    ];

    /// <summary>Where shots 2… start.</summary>
    internal static int[] Cuts => Enumerable.Range(1, Clips.Length - 1).Select(i => i * ShotFrames).ToArray();

    internal static string SixShots()
    {
        string[] files = Clips.Select(c => TestMedia.Require(c.File)).ToArray();
        lock (Gate)
        {
            if (_made is not null && File.Exists(_made)) return _made;
            string folder = Path.Combine(Path.GetTempPath(), "ovni-hull-inputs-" + Environment.ProcessId);
            Directory.CreateDirectory(folder);
            string output = Path.Combine(folder, "six-shots.mkv");
            string I(double v) => v.ToString(CultureInfo.InvariantCulture);
            var graph = string.Concat(Clips.Select((c, i) =>
                $"[{i}:v]trim=start={I(c.Start)}:duration=2,setpts=PTS-STARTPTS,scale=320:180:force_original_aspect_ratio=decrease,pad=320:180:(ow-iw)/2:(oh-ih)/2," +
                $"setsar=1,fps=24,format=yuv420p,trim=end_frame={ShotFrames}[v{i}];"))
                + string.Concat(Clips.Select((_, i) => $"[v{i}]")) + $"concat=n={Clips.Length}:v=1:a=0[v]";
            var args = new List<string> { "-v", "error", "-y" };
            foreach (string f in files) args.AddRange(["-i", f]);
            args.AddRange(["-filter_complex", graph, "-map", "[v]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-bf", "2", output]);
            FFmpegCli.Run("ffmpeg", [.. args]);
            _made = output;
            return output;
        }
    }
}
