// Found as a newcomer would: `ovni encode sample_with_srt.mkv out.mp4 --target-vmaf 93` searched and encoded, then failed
// on the SubRip stream .mp4 cannot hold, naming a hidden attempt file; `ovni chunked` and `--optimize shots` failed the
// same way at the join, after every chunk and probe was encoded (on a long film, hours). Now each refuses at once.
namespace Ovni.Encoding.Tests;

public sealed class UnfitContainerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Subtitles_the_output_container_cannot_hold_are_refused_before_any_encode_naming_the_output()
    {
        var ct = TestContext.Current.CancellationToken;
        string srt = _temp.File("subs.srt");
        File.WriteAllText(srt, "1\n00:00:00,000 --> 00:00:01,000\nHello\n");
        string source = _temp.File("in.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-i", srt,
            "-c:v", "libx264", "-preset", "ultrafast", "-c:s", "srt", source);
        string output = _temp.File("out.mp4");
        var encoding = new VideoEncoderOptions { Encoder = "libx264", Preset = "veryfast" };

        var errors = new List<OvniException>
        {
            await Assert.ThrowsAsync<OvniException>(() => TargetQualityEncoder.EncodeAsync(source, output,
                new TargetQualityEncodeOptions { Search = new TargetQualityOptions { Encoder = "libx264", Preset = "veryfast" } }, cancellationToken: ct)),
            await Assert.ThrowsAsync<OvniException>(() => ChunkedEncoder.EncodeAsync(source, output, new ChunkedEncodeOptions { Encoding = encoding }, cancellationToken: ct)),
            await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(source, output,
                new ShotHullOptions { Encoder = "libx264", Preset = "veryfast" }, cancellationToken: ct)),
        };

        foreach (OvniException error in errors)
        {
            Assert.Contains("subrip", error.Message);
            Assert.Contains("'" + output + "'", error.Message); // the file asked for, not a hidden attempt or join
            Assert.Equal(output, error.FilePath);
        }
        // Nothing was started: no scratch, chunk or attempt folder beside the output.
        Assert.Equal(["in.mkv", "subs.srt"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Order());
        // The same source into a container that holds SubRip is not refused by the check.
        MediaWriter.CheckStreamsFit(_temp.File("out.mkv"), new MediaWriterOptions { CopyStreamsFrom = source });
    }
}
