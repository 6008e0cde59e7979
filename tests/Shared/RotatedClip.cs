/// <summary>
/// A clip whose video stream carries a display matrix ("turn by 90° to show"), as phones write portrait video: made by
/// the ffmpeg tool, so that what Ovni reads and writes is checked against an independent writer.
/// </summary>
internal static class RotatedClip
{
    /// <summary>Writes a 320×240 H.264 mp4 of <paramref name="seconds"/> at <paramref name="path"/> that players turn by 90°.</summary>
    internal static string Make(string path, int seconds = 3)
    {
        string plain = path + ".plain.mp4";
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", $"testsrc2=size=320x240:rate=25:duration={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", plain);
        // FFmpeg 5.1 (Debian's) turns the old "rotate" tag into the display matrix on a stream copy; later versions dropped
        // the tag for the input option -display_rotation.
        FFmpegCli.Run("ffmpeg", "-v", "error", "-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=90", path);
        if (Ovni.MediaReader.Probe(path).Video!.Rotation == 0)
            FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-display_rotation", "90", "-i", plain, "-c", "copy", path);
        File.Delete(plain);
        if (Ovni.MediaReader.Probe(path).Video!.Rotation == 0) Assert.Skip("This ffmpeg tool writes no display matrix by either way known here.");
        return path;
    }
}
