using Ovni.Encoding.Library;

namespace Ovni.AutoEncode.Tests;

/// <summary>Filters by resolution class, bit rate and size; container and pixel-format choice.</summary>
public class FilterAndPlanTests
{
    private static MediaInfo Info(int width, int height, long videoBitRate, string codec = "h264", double seconds = 600, params AudioStreamInfo[] audio) => new()
    {
        Path = "/lib/x.mkv",
        Container = "matroska,webm",
        Duration = TimeSpan.FromSeconds(seconds),
        StreamCount = 1 + audio.Length,
        AudioStreams = audio,
        Video = new VideoStreamInfo
        {
            Index = 0, Codec = codec, Width = width, Height = height, PixelFormatName = "yuv420p", PixelFormat = PixelFormat.Yuv420P, BitDepth = 8,
            FrameRate = new Rational(24, 1), TimeBase = new Rational(1, 1000), BitRate = videoBitRate,
        },
    };

    [Theory]
    [InlineData(3840, 2160, 10_000_000, "already below the minimum bit rate for 4k (10000 kb/s < 12000 kb/s)")]
    [InlineData(3840, 2160, 20_000_000, null)]
    [InlineData(1920, 818, 3_000_000, "already below the minimum bit rate for 1080p (3000 kb/s < 4000 kb/s)")]
    [InlineData(1280, 720, 2_500_000, null)]
    [InlineData(1080, 1920, 3_000_000, "already below the minimum bit rate for 1080p")] // portrait: by the larger side
    [InlineData(720, 480, 900_000, "already below the minimum bit rate for sd (900 kb/s < 1000 kb/s)")]
    public void Bit_rate_floors_follow_the_resolution_class(int width, int height, long bitRate, string? reason)
    {
        string? skip = FileFilter.AfterProbe(new AutoEncodeOptions(), Info(width, height, bitRate), 1L << 30);
        if (reason is null) Assert.Null(skip);
        else Assert.StartsWith(reason, skip, StringComparison.Ordinal);
    }

    [Fact]
    public void Codec_duration_resolution_size_and_names_are_recorded_reasons()
    {
        var options = new AutoEncodeOptions { Filters = new LibraryFilters { MaxResolution = 1920 } };
        Assert.Equal("the video is already hevc (an efficient codec; filters.skip_codecs)", FileFilter.AfterProbe(options, Info(1920, 1080, 9_000_000, "hevc"), 1L << 30));
        Assert.StartsWith("shorter than the minimum duration (5 s < 10 s)", FileFilter.AfterProbe(options, Info(1920, 1080, 9_000_000, seconds: 5), 1L << 30));
        Assert.Equal("larger than the maximum resolution (3840x2160 > 1920 px)", FileFilter.AfterProbe(options, Info(3840, 2160, 90_000_000), 1L << 30));
        Assert.StartsWith("smaller than the minimum size (1.0 MiB < 47.7 MiB)", FileFilter.BeforeProbe(options, "/lib/a.mkv", 1 << 20));
        Assert.StartsWith("the name ends with the output suffix '.ovni'", FileFilter.BeforeProbe(options, "/lib/a.ovni.mkv", 1L << 30));
        Assert.StartsWith("the name ends with the skip suffix '.skip'", FileFilter.BeforeProbe(options, "/lib/a.skip.mp4", 1L << 30));
        Assert.Null(FileFilter.BeforeProbe(options, "/lib/a.mkv", 1L << 30));
    }

    [Fact]
    public void Mp4_is_chosen_only_when_every_stream_fits_and_outputs_mirror_the_tree()
    {
        var job = new QueueEntry { Id = 7, Path = "/lib/Shows/S01/e1.mkv", Root = "/lib" };
        var options = new AutoEncodeOptions { Container = "mp4", OutputFolder = "/out", BitDepth = OutputBitDepth.Ten };
        JobPlan fits = JobPlan.Make(options, job, Info(1920, 1080, 9_000_000, audio: new AudioStreamInfo(1, "aac", 48000, 2, "eng")));
        Assert.Equal(("/out/Shows/S01/e1.ovni.mp4", "mp4", null, PixelFormat.Yuv420P10), (fits.FinalPath, fits.Muxer, fits.ContainerNote, fits.PixelFormat));
        Assert.Equal("/out/Shows/S01/.ovni-tmp-7", fits.WorkDirectory);
        JobPlan vorbis = JobPlan.Make(options, job, Info(1920, 1080, 9_000_000, audio: new AudioStreamInfo(1, "vorbis", 48000, 2, null)));
        Assert.Equal(("/out/Shows/S01/e1.ovni.mkv", "matroska", "mkv instead of mp4: vorbis audio"), (vorbis.FinalPath, vorbis.Muxer, vorbis.ContainerNote));
        JobPlan replace = JobPlan.Make(new AutoEncodeOptions { SourceAction = SourceAction.Replace }, job, Info(1920, 1080, 9_000_000));
        Assert.Equal(("/lib/Shows/S01/e1.mkv", "/lib/.ovni-quarantine/Shows/S01/e1.mkv", (PixelFormat?)null), (replace.FinalPath, replace.QuarantinePath, replace.PixelFormat));
    }

    [Fact]
    public void A_rotated_video_goes_into_mp4_where_its_display_rotation_can_be_stored()
    {
        var job = new QueueEntry { Id = 8, Path = "/lib/Phone/clip.mp4", Root = "/lib" };
        MediaInfo portrait = Info(1920, 1080, 9_000_000, audio: new AudioStreamInfo(1, "aac", 48000, 2, "eng"));
        portrait = portrait with { Video = portrait.Video! with { Rotation = -90 } };
        JobPlan plan = JobPlan.Make(new AutoEncodeOptions(), job, portrait);
        Assert.Equal(("/lib/Phone/clip.ovni.mp4", "mp4"), (plan.FinalPath, plan.Muxer));
        Assert.Equal("mp4 instead of mkv: the video's display rotation (-90°) can only be stored there", plan.ContainerNote);
        // With a stream mp4 cannot hold, mkv stays; the verification then names the rotation it could not carry.
        MediaInfo withVorbis = portrait with { AudioStreams = [new AudioStreamInfo(1, "vorbis", 48000, 2, null)] };
        Assert.Equal("matroska", JobPlan.Make(new AutoEncodeOptions(), job, withVorbis).Muxer);
        // An upright video keeps the default container.
        Assert.Equal("matroska", JobPlan.Make(new AutoEncodeOptions(), job, Info(1920, 1080, 9_000_000)).Muxer);
    }
}
