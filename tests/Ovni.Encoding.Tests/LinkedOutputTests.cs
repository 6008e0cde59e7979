// Found as a newcomer would: `ovni encode link.mkv in.mkv --optimize shots` with link.mkv -> in.mkv ran to the end and
// would have renamed its result over in.mkv, the source. The helpers that publish by rename compared path strings only.
namespace Ovni.Encoding.Tests;

public sealed class LinkedOutputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("symlink")]
    [InlineData("hardlink")]
    public async Task An_output_that_is_the_source_under_another_name_is_refused_before_any_work(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        string source = _temp.File("in.mkv");
        File.Copy(ShotInputs.SixShots(), source);
        byte[] before = File.ReadAllBytes(source);
        string other = _temp.File("other.mkv");
        if (kind == "symlink") File.CreateSymbolicLink(other, source);
        else FFmpegCli.Run("ln", source, other);
        // The link as the input and the source as the output, then the other way round.
        foreach ((string input, string output) in new[] { (other, source), (source, other) })
        {
            var hull = await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(input, output,
                new ShotHullOptions { Encoder = "libx264", Preset = "veryfast" }, cancellationToken: ct));
            Assert.Contains("never writes over a source", hull.Message);
            var chunked = await Assert.ThrowsAsync<OvniException>(() => ChunkedEncoder.EncodeAsync(input, output,
                new ChunkedEncodeOptions { Encoding = new VideoEncoderOptions { Encoder = "libx264", Preset = "veryfast" } }, cancellationToken: ct));
            Assert.Contains("never writes over a source", chunked.Message);
            var encode = await Assert.ThrowsAsync<OvniException>(() => TargetQualityEncoder.EncodeAsync(input, output,
                new TargetQualityEncodeOptions { Search = new TargetQualityOptions { Encoder = "libx264", Preset = "veryfast" } }, cancellationToken: ct));
            Assert.Contains("never writes over a source", encode.Message);
        }
        Assert.Equal(before, File.ReadAllBytes(source));
        Assert.Equal(["in.mkv", "other.mkv"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Order());
    }
}
