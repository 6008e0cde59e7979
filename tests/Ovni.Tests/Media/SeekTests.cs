using System.Security.Cryptography;

namespace Ovni.Tests.Media;

/// <summary>Seeking lands on exactly the frame a sequential decode reaches, pixels and timestamp.</summary>
public class SeekTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(61)]
    [InlineData(100)]
    [InlineData(148)]
    public async Task Seek_to_frame_index_returns_that_frame(int index)
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        (long pts, byte[] hash) expected = await SequentialFrame(clip, index);

        await using var reader = MediaReader.Open(clip);
        reader.SeekToFrame(index);
        using GpuFrame frame = reader.ReadFrame()!;
        Assert.Equal(index, frame.Index);
        Assert.Equal(expected.pts, frame.Pts);
        Assert.Equal(expected.hash, Hash(frame));
    }

    [Fact]
    public async Task Seek_to_time_returns_the_first_frame_shown_at_or_after_it()
    {
        string clip = TestMedia.Require("tears-of-steel-battle-clip-medium.webm");
        await using var reader = MediaReader.Open(clip);
        reader.Seek(TimeSpan.FromSeconds(30.02));
        using GpuFrame frame = reader.ReadFrame()!;
        double frameTime = 1 / reader.Video.FrameRate.ToDouble();
        Assert.InRange(frame.Timestamp.TotalSeconds, 30.02 - 1e-6, 30.02 + frameTime);
        Assert.Equal((long)Math.Round(frame.Timestamp.TotalSeconds * 24), frame.Index);

        // Backwards too, and reading continues in order from there.
        reader.Seek(TimeSpan.FromSeconds(2));
        using GpuFrame first = reader.ReadFrame()!;
        using GpuFrame second = reader.ReadFrame()!;
        Assert.Equal(48, first.Index);
        Assert.Equal(49, second.Index);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("libx264", "-x264-params", "bframes=3:b-pyramid=none:keyint=250:scenecut=0")]
    [InlineData("libx265", "-x265-params", "bframes=4:keyint=250:scenecut=0:log-level=error")]
    public async Task A_seek_skips_the_pictures_nothing_refers_to_and_lands_on_the_same_pixels(string encoder, string paramsName, string parameters)
    {
        // Real footage with B-frames that nothing references and one key frame: a seek deep into it decodes from frame 0.
        using var temp = new TempDirectory();
        string clip = temp.File("b-frames.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-i", TestMedia.Require("big_buck_bunny_60s_360p.mp4"), "-t", "9", "-an", "-c:v", encoder,
            "-preset", "ultrafast", paramsName, parameters, clip);
        int[] wanted = [150, 151, 152, 157, 205];
        Dictionary<int, (long pts, byte[] hash)> expected = await SequentialFrames(clip, wanted);

        foreach (int start in new[] { 150, 205 })
        {
            await using var reader = MediaReader.Open(clip);
            reader.SeekToFrame(start);
            for (int index = start; index < start + 8; index++)
            {
                using GpuFrame frame = reader.ReadFrame()!;
                Assert.Equal(index, frame.Index);
                if (!expected.TryGetValue(index, out var want)) continue;
                Assert.Equal(want.pts, frame.Pts);
                Assert.Equal(want.hash, Hash(frame));
            }
            // Without the skip every frame from the key frame on is decoded (start + 8 of them); the B-frames before the
            // target that no picture refers to are more than half of those.
            Assert.InRange(reader.GetDecodeReport().FramesDecoded, 8, (start + 8) * 6 / 10);
        }
    }

    private static async Task<Dictionary<int, (long, byte[])>> SequentialFrames(string clip, int[] indices)
    {
        var found = new Dictionary<int, (long, byte[])>();
        await using var reader = MediaReader.Open(clip);
        await foreach (GpuFrame frame in reader.ReadFramesAsync(Ct))
        {
            using (frame)
                if (indices.Contains((int)frame.Index)) found[(int)frame.Index] = (frame.Pts, Hash(frame));
        }
        Assert.Equal(indices.Length, found.Count);
        return found;
    }

    private static async Task<(long, byte[])> SequentialFrame(string clip, int index)
    {
        await using var reader = MediaReader.Open(clip);
        await foreach (GpuFrame frame in reader.ReadFramesAsync(Ct))
        {
            using (frame)
                if (frame.Index == index) return (frame.Pts, Hash(frame));
        }
        throw new InvalidOperationException($"clip has no frame {index}");
    }

    private static byte[] Hash(GpuFrame frame)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int p = 0; p < frame.PlaneCount; p++)
        {
            var plane = frame.GetPlane<byte>(p);
            for (int y = 0; y < plane.Height; y++) sha.AppendData(plane.GetRowSpan(y));
        }
        return sha.GetHashAndReset();
    }
}
