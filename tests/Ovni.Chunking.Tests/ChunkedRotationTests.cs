namespace Ovni.Chunking.Tests;

/// <summary>
/// Chunks are Matroska files, which hold no display matrix; the join takes the source's rotation for the output, so a
/// phone's portrait video still plays upright after a chunked (or per-shot) encode, or the result says why it cannot.
/// </summary>
public class ChunkedRotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChunkedEncodeOptions Options(string workDir) => QuickChunking.Options(workDir);

    [Fact]
    public async Task The_joined_mp4_keeps_the_display_rotation_of_the_source()
    {
        using var temp = new TempDirectory();
        string source = RotatedClip.Make(temp.File("portrait.mp4"));
        string output = temp.File("out.mp4");

        ChunkedEncodeResult result = await ChunkedEncoder.EncodeAsync(source, output, Options(temp.File("work")), cancellationToken: Ct);

        Assert.True(result.Chunks >= 2, $"{result.Chunks} chunk(s): the join is what this checks");
        Assert.Equal(90, MediaReader.Probe(output).Video!.Rotation);
        Assert.Empty(result.SkippedStreams);
    }

    [Fact]
    public async Task A_joined_mkv_cannot_hold_it_and_the_result_says_so()
    {
        using var temp = new TempDirectory();
        string source = RotatedClip.Make(temp.File("portrait.mp4"));
        string output = temp.File("out.mkv");

        ChunkedEncodeResult result = await ChunkedEncoder.EncodeAsync(source, output, Options(temp.File("work")), cancellationToken: Ct);

        Assert.Equal(0, MediaReader.Probe(output).Video!.Rotation);
        Assert.Contains("display rotation (90°)", Assert.Single(result.SkippedStreams));
    }
}
