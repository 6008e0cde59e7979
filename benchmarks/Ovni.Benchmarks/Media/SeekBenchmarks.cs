using BenchmarkDotNet.Attributes;

namespace Ovni.Benchmarks.Media;

/// <summary>
/// What a target-quality search and a sampled verification do to their inputs: seek to a frame well past a key frame and
/// read a short stretch, several times. The clip is the 1080p H.264 benchmark clip (x264 medium: 3 B-frames, one key frame
/// every 250 frames or at a cut), so every seek decodes from the key frame before its target.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 7)]
public class SeekBenchmarks
{
    private string _clip = "";
    private long[] _targets = [];

    [GlobalSetup]
    public void Setup()
    {
        _clip = BenchmarkClips.H264_1080p();
        long frames = MediaReader.Probe(_clip).Video!.EstimatedFrameCount;
        _targets = [frames / 4, frames / 2, frames * 3 / 4, frames - 13];
        Console.WriteLine($"// clip: {_clip}, {frames} frames, seeks to {string.Join(", ", _targets)}");
    }

    /// <summary>Four seeks, 12 frames read after each.</summary>
    [Benchmark]
    public long SeekAndRead12()
    {
        long sum = 0;
        using var reader = MediaReader.Open(_clip);
        foreach (long target in _targets)
        {
            reader.SeekToFrame(target);
            for (int i = 0; i < 12; i++)
            {
                using GpuFrame frame = reader.ReadFrame()!;
                sum += frame.Index;
            }
        }
        return sum;
    }
}
