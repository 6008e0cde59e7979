namespace Ovni.Tests.Media;

/// <summary>The key frame index read from packets equals what ffprobe reports, frame counts and bytes included.</summary>
public class KeyFrameIndexTests
{
    [Fact]
    public void Key_frames_groups_and_bytes_match_ffprobe()
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        using var temp = new TempDirectory();
        string forced = temp.File("forced.mkv");
        // Key frames only where asked (no scene-cut or interval key frames), with B-frames so decode order differs from display order.
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", clip, "-an", "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "1000", "-sc_threshold", "0",
            "-force_key_frames", "0,0.7,2.2,4.1", forced);

        KeyFrameIndex index = KeyFrameIndex.Read(forced, TestContext.Current.CancellationToken);

        string[] packets = FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,size,flags", "-of", "csv=p=0", forced)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var keys = packets.Where(p => p.Split(',')[2].Contains('K')).Select(p => double.Parse(p.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, keys.Length);
        Assert.Equal(keys.Length, index.KeyFrames.Count);
        for (int i = 0; i < keys.Length; i++) Assert.Equal(keys[i], index.KeyFrames[i].TotalSeconds, 3);
        Assert.Equal(packets.Length, index.FrameCount);
        Assert.Equal(packets.Length, index.GroupFrames.Sum());
        Assert.Equal(packets.Sum(p => long.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)), index.GroupBytes.Sum());
        Assert.Equal(21, index.GroupFrames[0]); // 0.7 s at 29.97 fps
        Assert.InRange(index.Duration.TotalSeconds, 4.9, 5.1);
    }

    [Fact]
    public void A_file_without_video_is_a_clear_error()
    {
        using var temp = new TempDirectory();
        string audio = temp.File("a.m4a");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=d=1", audio);
        var e = Assert.Throws<OvniException>(() => KeyFrameIndex.Read(audio, TestContext.Current.CancellationToken));
        Assert.Contains("no video", e.Message);
    }
}
