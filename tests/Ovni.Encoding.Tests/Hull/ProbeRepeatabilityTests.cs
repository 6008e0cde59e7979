// One x264 probe of one shot, encoded again and again in one process, one after another and several at once: the hull,
// the search cache, chunk resume and cluster probes all rely on the same settings giving the same bitstream. Before
// Ovni kept x264 off AVX-512, an AVX-512 machine gave a different bitstream about every other encode in a long-lived
// process (x264 read heap memory it had not written), up to 0.5 % apart in bytes; a new process usually repeated.
using System.Runtime.InteropServices;

namespace Ovni.Encoding.Tests;

public sealed class ProbeRepeatabilityTests(ITestOutputHelper log)
{
    private static readonly VideoEncoderOptions Probe = new()
    {
        Encoder = "libx264", Preset = "veryfast", Threads = 1, Crf = 18,
        ExtraOptions = new Dictionary<string, string> { ["x264-params"] = "stitchable=1" },
    };

    private static Task EncodeAsync(string input, VideoTimeline timeline, ChunkSpan shot, string output, CancellationToken ct) =>
        ChunkEncoder.EncodeAsync(input, shot, timeline, Probe, output, cancellationToken: ct);

    /// <summary>The encoded video stream's MD5 (the container itself differs every time: Matroska writes random UIDs).</summary>
    private static string VideoMd5(string file) =>
        FFmpegCli.Run("ffmpeg", "-v", "error", "-i", file, "-map", "0:v", "-c", "copy", "-f", "md5", "-").Trim() + $" ({new FileInfo(file).Length} bytes)";

    /// <summary>
    /// Leaves the C heap full of <paramref name="fill"/> bytes in freed blocks of many sizes, as a long-lived process's
    /// heap is full of old data: memory an encoder reads without writing it first then differs from one encode to the next.
    /// </summary>
    private static void DirtyNativeHeap(byte fill)
    {
        var blocks = new List<nint>();
        byte[] bytes = new byte[256 * 1024];
        Array.Fill(bytes, fill);
        for (int size = 64; size <= bytes.Length; size = size * 5 / 4 + 16)
        {
            for (int k = 0; k < 4; k++)
            {
                nint block = Marshal.AllocHGlobal(size);
                Marshal.Copy(bytes, 0, block, size);
                blocks.Add(block);
            }
        }
        foreach (nint block in blocks) Marshal.FreeHGlobal(block);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task One_shot_encoded_again_and_again_and_at_once_in_one_process_gives_one_bitstream(int index)
    {
        var ct = TestContext.Current.CancellationToken;
        string input = ShotInputs.SixShots();
        VideoTimeline timeline = VideoTimeline.Read(input, ct);
        using var temp = new TempDirectory();
        int first = index * ShotInputs.ShotFrames, count = ShotInputs.ShotFrames;
        var shot = new ChunkSpan(index, first, count, timeline.Timestamps[first], timeline.Timestamps[first + count - 1]);

        await EncodeAsync(input, timeline, shot, temp.File("alone.mkv"), ct);
        for (int i = 0; i < 6; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => DirtyNativeHeap((byte)(0x11 * (i + 1))), ct)));
            await EncodeAsync(input, timeline, shot, temp.File($"again{i}.mkv"), ct);
        }
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => EncodeAsync(input, timeline, shot, temp.File($"at-once{i}.mkv"), ct), ct)));
        // Read only once every encode is done: the ffmpeg tool started meanwhile could hold a copy of an encode's locked descriptor.
        string alone = VideoMd5(temp.File("alone.mkv"));
        string[] again = Enumerable.Range(0, 6).Select(i => VideoMd5(temp.File($"again{i}.mkv"))).ToArray();
        string[] atOnce = Enumerable.Range(0, 6).Select(i => VideoMd5(temp.File($"at-once{i}.mkv"))).ToArray();
        log.WriteLine($"alone: {alone}\none after another: {string.Join(", ", again)}\nat once: {string.Join(", ", atOnce)}");

        Assert.All(again, h => Assert.Equal(alone, h));
        Assert.All(atOnce, h => Assert.Equal(alone, h));
    }
}
