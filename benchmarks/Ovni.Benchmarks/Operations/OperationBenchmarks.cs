// Why: the public frame operations' cost on one 1080p frame on the CPU backend, including dispatch, pooled output
// frames and parameter evaluation (frames/s = 1 / mean), next to memcpy of the same bytes. Run:
// dotnet run -c Release --project benchmarks/Ovni.Benchmarks -- --filter '*OperationBenchmarks*'
using System.Drawing;
using BenchmarkDotNet.Attributes;
using Ovni.Operations;

namespace Ovni.Benchmarks.Operations;

[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public unsafe class OperationBenchmarks
{
    private const int Width = 1920, Height = 1080;
    // Bytes per frame layout, for the declared memory traffic (read + write once).
    private const long Yuv1080 = 1920L * 1080 * 3 / 2, Yuv720 = 1280L * 720 * 3 / 2, Rgba1080 = 1920L * 1080 * 4;
    private const long Rect = 960L * 540 * 3 / 2, Logo = 640L * 360 * 3 / 2, LogoRgba = 640L * 360 * 4;
    private FramePool _yuvPool = null!, _rgbaPool = null!, _logoPool = null!, _copyPool = null!;
    private GpuFrame _frame = null!, _other = null!, _rgba = null!, _logo = null!, _copy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _yuvPool = new FramePool(PixelFormat.Yuv420P, Width, Height);
        _rgbaPool = new FramePool(PixelFormat.Rgba, Width, Height);
        _logoPool = new FramePool(PixelFormat.Rgba, 640, 360);
        _copyPool = new FramePool(PixelFormat.Yuv420P, Width, Height);
        _frame = Filled(_yuvPool.Rent(), 1);
        _other = Filled(_yuvPool.Rent(), 2);
        _rgba = Filled(_rgbaPool.Rent(), 3);
        _logo = Filled(_logoPool.Rent(), 4);
        _copy = _copyPool.Rent();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (GpuFrame f in new[] { _frame, _other, _rgba, _logo, _copy }) f.Dispose();
        _yuvPool.Dispose();
        _rgbaPool.Dispose();
        _logoPool.Dispose();
        _copyPool.Dispose();
    }

    [MemoryTraffic(2 * Yuv1080)]
    [Benchmark(Baseline = true, Description = "memcpy 1080p yuv420p (3.1 MB)")]
    public void Memcpy()
    {
        for (int p = 0; p < 3; p++)
        {
            int rows = _frame.GetPlaneHeight(p), bytes = _frame.GetPitch(p) * rows;
            Buffer.MemoryCopy((void*)_frame.GetPlanePointer(p), (void*)_copy.GetPlanePointer(p), bytes, bytes);
        }
    }

    [MemoryTraffic(3 * Yuv1080)]
    [Benchmark(Description = "CrossFade 0.4")]
    public GpuFrame CrossFade() => _frame.CrossFade(_other, 0.4);

    [MemoryTraffic(2 * Yuv1080)]
    [Benchmark(Description = "Fade to black 0.3")]
    public GpuFrame Fade() => _frame.Fade(RgbaColor.Black, 0.3);

    [MemoryTraffic(2 * Rect)]
    [Benchmark(Description = "DrawRect 960x540 alpha 0.5")]
    public GpuFrame DrawRect() => _frame.DrawRect(new Rectangle(480, 270, 960, 540), new RgbaColor(255, 200, 0, 128));

    [MemoryTraffic(2 * Yuv1080)]
    [Benchmark(Description = "Transform zoom 1.2 rotate 10")]
    public void Transform() => _frame.Transform(new FrameTransform(1.2, 1.2, 10)).Dispose();

    [MemoryTraffic(2 * Yuv1080)]
    [Benchmark(Description = "Vignette 0.5")]
    public GpuFrame Vignette() => _frame.Vignette(0.5);

    [MemoryTraffic(4 * Yuv1080)]
    [Benchmark(Description = "GaussianBlur sigma 2")]
    public GpuFrame Blur() => _frame.GaussianBlur(2.0);

    [MemoryTraffic(2 * Logo + LogoRgba)]
    [Benchmark(Description = "Overlay 640x360 RGBA at (100, 50)")]
    public GpuFrame Overlay() => _frame.Overlay(_logo, 100, 50);

    [MemoryTraffic(2 * Logo + LogoRgba)]
    [Benchmark(Description = "Overlay 640x360 RGBA at (100.3, 50.6)")]
    public GpuFrame OverlayFractional() => _frame.Overlay(_logo, 100.3, 50.6);

    [MemoryTraffic(Yuv1080 + Yuv720)]
    [Benchmark(Description = "Scale to 1280x720 bilinear")]
    public void ScaleBilinear() => _frame.Scale(1280, 720, ScaleFilter.Bilinear).Dispose();

    [MemoryTraffic(Yuv1080 + Yuv720)]
    [Benchmark(Description = "Scale to 1280x720 bicubic")]
    public void ScaleBicubic() => _frame.Scale(1280, 720, ScaleFilter.Bicubic).Dispose();

    [MemoryTraffic(Yuv1080 + Yuv720)]
    [Benchmark(Description = "Scale to 1280x720 lanczos3")]
    public void ScaleLanczos() => _frame.Scale(1280, 720, ScaleFilter.Lanczos3).Dispose();

    [MemoryTraffic(Yuv1080 + Rgba1080)]
    [Benchmark(Description = "ToRgba (bt709)")]
    public void ToRgba() => _frame.ToRgba().Dispose();

    [MemoryTraffic(Rgba1080 + Yuv1080)]
    [Benchmark(Description = "FromRgba to yuv420p")]
    public void FromRgba() => _rgba.FromRgba(PixelFormat.Yuv420P).Dispose();

    [MemoryTraffic(2 * Rgba1080)]
    [Benchmark(Description = "ChromaKey RGBA")]
    public GpuFrame ChromaKey() => _rgba.ChromaKey(new RgbaColor(0, 200, 0), 30 / Ovni.Operations.ChromaKeyOperation.FullScale, 40 / Ovni.Operations.ChromaKeyOperation.FullScale);

    [Benchmark(Description = "RoundCorners RGBA r=48")]
    public GpuFrame RoundCorners() => _rgba.RoundCorners(48);

    [Benchmark(Description = "Crop 1280x720 (view)")]
    public void Crop() => _frame.Crop(new Rectangle(320, 180, 1280, 720)).Dispose();

    private static GpuFrame Filled(GpuFrame frame, int seed)
    {
        var random = new Random(seed);
        for (int p = 0; p < frame.PlaneCount; p++)
        {
            var plane = frame.GetPlane<byte>(p);
            for (int y = 0; y < plane.Height; y++) random.NextBytes(plane.GetRowSpan(y));
        }
        frame.Pts = 0;
        return frame;
    }
}
