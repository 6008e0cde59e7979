// VMAF scoring speed, frames already in memory (no decode): 1080p 8-bit, model vmaf_v0.6.1, 1 and 2 threads.
// libvmaf's reference on the project's 2-core machines: ~13 frames/s (1 thread), ~25 frames/s (2 threads).
// Run: dotnet run -c Release --project benchmarks/Ovni.Benchmarks -- --filter '*VmafScoring*'
// Frames/s = 1e9 / (reported mean in ns), since each operation is one frame.
using BenchmarkDotNet.Attributes;
using CommunityToolkit.HighPerformance;
using Ovni.Quality;

namespace Ovni.Benchmarks.Quality;

[MemoryDiagnoser]
public class VmafScoringBenchmarks
{
    // 24 distinct frames, added 5 times over so that scorer start-up (workspaces, pools) is amortised as in a long run
    private const int Width = 1920, Height = 1080, Frames = 24, FramesScored = 120;
    private byte[][] _reference = [];
    private byte[][] _distorted = [];
    private VmafModel _model = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = VmafModel.Load(FindModel());
        var random = new Random(42);
        _reference = new byte[Frames][];
        _distorted = new byte[Frames][];
        for (int f = 0; f < Frames; f++)
        {
            var r = new byte[Width * Height];
            var d = new byte[Width * Height];
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    // textured, moving content; distortion = noise plus a coarse quantisation, like a lossy encode
                    double v = 128 + 60 * Math.Sin((x + 4 * f) / 19.0) * Math.Cos(y / 27.0) + 30 * Math.Sin(x * y * 1e-4);
                    int s = Math.Clamp((int)v + random.Next(-8, 9), 0, 255);
                    r[y * Width + x] = (byte)s;
                    d[y * Width + x] = (byte)Math.Clamp((s & ~3) + random.Next(-2, 3), 0, 255);
                }
            }
            _reference[f] = r;
            _distorted[f] = d;
        }
    }

    [Benchmark(OperationsPerInvoke = FramesScored)]
    public double ScoreFrames()
    {
        var scorer = new QualityScorer(new YuvFormat(Width, Height), new QualityOptions
        {
            Model = _model,
            Metrics = QualityMetrics.Vmaf,
            Threads = Threads,
        });
        for (int i = 0; i < FramesScored; i++)
        {
            int f = i % Frames;
            scorer.Add(new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(_reference[f], Height, Width)),
                new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(_distorted[f], Height, Width)));
        }
        return scorer.CompleteAsync().GetAwaiter().GetResult().Vmaf.Mean;
    }

    // The model file is data the user provides (as with libvmaf); the benchmark uses the shared copy.
    private static string FindModel()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "..", "shared", "vmaf", "models", "vmaf_v0.6.1.json");
            if (File.Exists(Path.Combine(dir.FullName, "Ovni.sln")) && File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("vmaf_v0.6.1.json not found in ../shared/vmaf/models next to the repository.");
    }
}
