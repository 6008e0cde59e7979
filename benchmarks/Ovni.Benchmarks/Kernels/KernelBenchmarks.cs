// Why: the CPU twins' speed on one 1080p frame per operation (frames/s = 1 / mean), next to plain memcpy of
// the same bytes, which is the bandwidth ceiling of this machine. Run:
// dotnet run -c Release --project benchmarks/Ovni.Benchmarks -- --filter '*KernelBenchmarks*'
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Ovni.Kernels;

namespace Ovni.Benchmarks.Kernels;

[MemoryDiagnoser]
public unsafe class KernelBenchmarks
{
    private const int Width = 1920, Height = 1080, Chroma = 960, ChromaRows = 540;
    private const int OverlayWidth = 640, OverlayHeight = 360;

    private readonly int[] _gaussian = PlaneBlur.CreateGaussianWeights(2.0);
    private readonly int[] _lanczos = PlaneScale.CreateLanczos3Table();
    private byte* _y, _u, _v, _uv, _y16, _uv16, _u444, _v444, _rgba, _rgbaOut, _overlay, _y2, _copy, _small;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        byte* Alloc(long bytes)
        {
            byte* p = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
            random.NextBytes(new Span<byte>(p, (int)bytes));
            return p;
        }

        _y = Alloc(Width * Height);
        _y2 = Alloc(Width * Height);
        _u = Alloc(Chroma * ChromaRows);
        _v = Alloc(Chroma * ChromaRows);
        _uv = Alloc(Width * ChromaRows);
        _y16 = Alloc(2L * Width * Height);
        _uv16 = Alloc(2L * Width * ChromaRows);
        _u444 = Alloc(Width * Height);
        _v444 = Alloc(Width * Height);
        _rgba = Alloc(4L * Width * Height);
        _rgbaOut = Alloc(4L * Width * Height);
        _overlay = Alloc(4L * OverlayWidth * OverlayHeight);
        _copy = Alloc(4L * Width * Height);
        _small = Alloc(1280 * 720);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (nint p in new[] { (nint)_y, (nint)_y2, (nint)_u, (nint)_v, (nint)_uv, (nint)_y16, (nint)_uv16, (nint)_u444, (nint)_v444,
                     (nint)_rgba, (nint)_rgbaOut, (nint)_overlay, (nint)_copy, (nint)_small })
        {
            NativeMemory.AlignedFree((void*)p);
        }
    }

    [Benchmark(Baseline = true, Description = "memcpy 1080p NV12 (3.1 MB)")]
    public void MemcpyNv12() => Buffer.MemoryCopy(_y, _copy, Width * Height * 3L / 2, Width * Height * 3L / 2);

    [Benchmark(Description = "memcpy 1080p RGBA (8.3 MB)")]
    public void MemcpyRgba() => Buffer.MemoryCopy(_rgba, _copy, 4L * Width * Height, 4L * Width * Height);

    [Benchmark(Description = "YUV420P -> RGBA")]
    public void Yuv420PToRgba() => ColorConversion.Yuv420PToRgba(_y, Width, _u, Chroma, _v, Chroma, _rgbaOut, 4 * Width, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);

    [Benchmark(Description = "NV12 -> RGBA")]
    public void Nv12ToRgba() => ColorConversion.Nv12ToRgba(_y, Width, _uv, Width, _rgbaOut, 4 * Width, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);

    [Benchmark(Description = "P010 -> RGBA")]
    public void P010ToRgba() => ColorConversion.P010ToRgba(_y16, 2 * Width, _uv16, 2 * Width, _rgbaOut, 4 * Width, Width, Height, ColorMatrix.Bt2020, YuvRange.Limited);

    [Benchmark(Description = "YUV444P -> RGBA")]
    public void Yuv444PToRgba() => ColorConversion.Yuv444PToRgba(_y, Width, _u444, Width, _v444, Width, _rgbaOut, 4 * Width, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);

    [Benchmark(Description = "RGBA -> YUV420P")]
    public void RgbaToYuv420P() => ColorConversion.RgbaToYuv420P(_rgba, 4 * Width, _y2, Width, _u, Chroma, _v, Chroma, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);

    [Benchmark(Description = "RGBA -> NV12")]
    public void RgbaToNv12() => ColorConversion.RgbaToNv12(_rgba, 4 * Width, _y2, Width, _uv, Width, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);

    [Benchmark(Description = "RGBA -> P010")]
    public void RgbaToP010() => ColorConversion.RgbaToP010(_rgba, 4 * Width, _y16, 2 * Width, _uv16, 2 * Width, Width, Height, ColorMatrix.Bt2020, YuvRange.Limited);

    [Benchmark(Description = "RGBA -> YUV444P")]
    public void RgbaToYuv444P() => ColorConversion.RgbaToYuv444P(_rgba, 4 * Width, _y2, Width, _u444, Width, _v444, Width, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);

    [Benchmark(Description = "overlay 1080p RGBA onto NV12 (full frame)")]
    public void OverlayFullFrame() => RgbaOverlay.OverlayRgbaNv12(_y2, Width, _uv, Width, Width, Height, _rgba, 4 * Width, Width, Height, 0, 0, 200, false, ColorMatrix.Bt709, YuvRange.Limited);

    [Benchmark(Description = "overlay 640x360 RGBA onto NV12")]
    public void OverlayPictureInPicture() => RgbaOverlay.OverlayRgbaNv12(_y2, Width, _uv, Width, Width, Height, _overlay, 4 * OverlayWidth, OverlayWidth, OverlayHeight, 101, 57, 256, true, ColorMatrix.Bt709, YuvRange.Limited);

    [Benchmark(Description = "cross-fade NV12 frame (Y + UV)")]
    public void CrossFade()
    {
        PlaneBlend.BlendPlane(_y, Width, _y2, Width, _copy, Width, Width, Height, 77);
        PlaneBlend.BlendPlane(_uv, Width, _uv, Width, _copy + (Width * Height), Width, Width, ChromaRows, 77);
    }

    [Benchmark(Description = "cross-fade P010 frame (Y + UV)")]
    public void CrossFadeP010()
    {
        PlaneBlend.BlendPlaneP010(_y16, 2 * Width, _y16, 2 * Width, _copy, 2 * Width, Width, Height, 77);
        PlaneBlend.BlendPlaneP010(_uv16, 2 * Width, _uv16, 2 * Width, _copy + (2L * Width * Height), 2 * Width, Width, ChromaRows, 77);
    }

    [Benchmark(Description = "fade NV12 frame to black")]
    public void FadeToBlack()
    {
        PlaneBlend.FadePlane(_y, Width, _copy, Width, Width, Height, 16, 16, 100);
        PlaneBlend.FadePlane(_uv, Width, _copy + (Width * Height), Width, Width, ChromaRows, 128, 128, 100);
    }

    [Benchmark(Description = "fill full NV12 frame, alpha 0.5")]
    public void FillRect()
    {
        PlaneBlend.FillRectPlane(_y2, Width, Width, Height, 0, 0, Width, Height, 200, 200, 128);
        PlaneBlend.FillRectPlane(_uv, Width, Width, ChromaRows, 0, 0, Width, ChromaRows, 90, 160, 128);
    }

    [Benchmark(Description = "bilinear 720p -> 1080p NV12 (Y + UV)")]
    public void ScaleBilinear()
    {
        PlaneScale.ScalePlaneBilinear(_small, 1280, 1280, 720, _y2, Width, Width, Height, 1);
        PlaneScale.ScalePlaneBilinear(_small, 1280, 640, 360, _uv, Width, Chroma, ChromaRows, 2);
    }

    [Benchmark(Description = "bicubic 720p -> 1080p NV12 (Y + UV)")]
    public void ScaleBicubic()
    {
        PlaneScale.ScalePlaneBicubic(_small, 1280, 1280, 720, _y2, Width, Width, Height, 1);
        PlaneScale.ScalePlaneBicubic(_small, 1280, 640, 360, _uv, Width, Chroma, ChromaRows, 2);
    }

    [Benchmark(Description = "Lanczos-3 720p -> 1080p NV12 (Y + UV)")]
    public void ScaleLanczos3()
    {
        PlaneScale.ScalePlaneLanczos3(_small, 1280, 1280, 720, _y2, Width, Width, Height, 1, _lanczos);
        PlaneScale.ScalePlaneLanczos3(_small, 1280, 640, 360, _uv, Width, Chroma, ChromaRows, 2, _lanczos);
    }

    [Benchmark(Description = "area 1080p -> 720p luma")]
    public void ScaleArea() => PlaneScale.ScalePlaneArea(_y, Width, Width, Height, _small, 1280, 1280, 720, 1);

    [Benchmark(Description = "Gaussian blur sigma 2, 1080p luma (2 passes)")]
    public void GaussianBlur()
    {
        PlaneBlur.BlurPass(_y, Width, _y2, Width, Width, Height, 1, _gaussian, vertical: false);
        PlaneBlur.BlurPass(_y2, Width, _copy, Width, Width, Height, 1, _gaussian, vertical: true);
    }

    [Benchmark(Description = "vignette 1080p luma")]
    public void Vignette() => PlaneBlend.VignettePlane(_y2, Width, Width, Height, 1, 16, 180);

    [Benchmark(Description = "chroma key 1080p RGBA")]
    public void ChromaKey() => RgbaMask.ChromaKey(_rgbaOut, 4 * Width, Width, Height, 54, 34, 30, 40, ColorMatrix.Bt709, YuvRange.Limited);

    [Benchmark(Description = "sub-pixel shift 640x360 RGBA")]
    public void ShiftSubpixel() => RgbaOverlay.ShiftSubpixel(_overlay, 4 * OverlayWidth, OverlayWidth, OverlayHeight - 1, _copy, 4 * (OverlayWidth + 1), 77, 200, false);
}
