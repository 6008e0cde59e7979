using System.Globalization;

namespace Ovni.Chunking.Tests;

public class TimelineTests
{
    [Fact]
    public void Reads_every_frame_time_as_ffprobe_decodes_it()
    {
        string input = ChunkingInputs.TwoScenes();
        VideoTimeline timeline = VideoTimeline.Read(input, TestContext.Current.CancellationToken);
        double[] expected = FFmpegCli.FrameTimes(input);
        Assert.Equal(expected.Length, timeline.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], timeline.PresentationTimeOf(i).TotalSeconds, 3);
        Assert.True(timeline.KeyFrames[0]);
    }

    [Fact]
    public void A_webm_with_a_millisecond_clock_reads_in_presentation_order()
    {
        string clip = TestMedia.Require("tears-of-steel-battle-clip-medium.webm");
        VideoTimeline timeline = VideoTimeline.Read(clip, TestContext.Current.CancellationToken);
        Assert.Equal(FFmpegCli.CountFrames(clip), timeline.Count);
        Assert.Equal(new Rational(1, 1000), timeline.TimeBase);
        for (int i = 1; i < timeline.Count; i++) Assert.True(timeline.Timestamps[i] > timeline.Timestamps[i - 1]);
    }

    [Fact]
    public void Matches_names_the_first_frame_that_differs()
    {
        var a = VideoTimeline.FromTimestamps([0, 40, 80, 120], new Rational(1, 1000), "a");
        var sameInOtherUnits = VideoTimeline.FromTimestamps([0, 3600, 7200, 10800], new Rational(1, 90000), "b");
        var shifted = VideoTimeline.FromTimestamps([0, 40, 81, 120], new Rational(1, 1000), "c");
        var shorter = VideoTimeline.FromTimestamps([0, 40, 80], new Rational(1, 1000), "d");
        Assert.True(a.Matches(sameInOtherUnits, out _));
        Assert.False(a.Matches(shifted, out string? why));
        Assert.Contains("frame 2", why);
        Assert.False(a.Matches(shorter, out why));
        Assert.Contains("3 video frames", why);
    }

    [Fact]
    public void A_missing_file_is_an_OvniException_naming_it()
    {
        var e = Assert.Throws<OvniException>(() => VideoTimeline.Read("/nonexistent/clip.mkv", TestContext.Current.CancellationToken));
        Assert.Contains("/nonexistent/clip.mkv", e.Message);
    }

    internal static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);
}
