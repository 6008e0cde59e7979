using BenchmarkDotNet.Attributes;

namespace Ovni.Benchmarks.Media;

/// <summary>
/// 1080p decode fps and decode+encode fps on the CPU backend. Each operation processes the whole
/// clip (~300 frames); divide the frame count by the mean time for fps (printed as a column).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class TranscodeBenchmarks
{
    private string _clip = "";
    private string _output = "";
    private long _frames;

    [GlobalSetup]
    public void Setup()
    {
        _clip = BenchmarkClips.H264_1080p();
        _output = Path.Combine(Path.GetTempPath(), "ovni-bench", "out.mp4");
        _frames = MediaReader.Probe(_clip).Video!.EstimatedFrameCount;
        Console.WriteLine($"// clip: {_clip}, {_frames} frames");
    }

    /// <summary>Decode every frame (threads = cores), nothing else.</summary>
    [Benchmark]
    public async Task<long> Decode1080p()
    {
        long n = 0;
        await using var reader = MediaReader.Open(_clip);
        await foreach (GpuFrame frame in reader.ReadFramesAsync())
        {
            frame.Dispose();
            n++;
        }
        return n;
    }

    /// <summary>Decode + x264 veryfast crf 23 + mux.</summary>
    [Benchmark]
    public async Task<long> DecodeEncodeX264Veryfast1080p()
    {
        TranscodeResult result = await Transcoder.TranscodeAsync(_clip, _output, new VideoEncoderOptions { Crf = 23, Preset = "veryfast" });
        return result.Frames;
    }
}
