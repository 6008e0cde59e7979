// Why: FFmpeg 5.1's CUDA frames contexts accept rgb0/bgr0 but not rgba/bgra, although the memory layout is the
// same (4 bytes per pixel, R first for rgb0). Ovni's RGBA frames therefore live in rgb0 frames contexts on the
// device and are reported (and downloaded) as RGBA again, so overlays and masks can run on the GPU.
using Ovni.Interop;
using Ovni.Interop.FFmpeg;

namespace Ovni.Devices.Cuda;

/// <summary>Maps packed RGBA formats to the CUDA frames-context formats that hold them, and back.</summary>
internal static unsafe class CudaFrameFormats
{
    private static readonly Lazy<(int Rgba, int Rgb0, int Bgra, int Bgr0)> s_ids = new(static () =>
        (Id("rgba"), Id("rgb0"), Id("bgra"), Id("bgr0")));

    /// <summary>The software format to create a CUDA frames context with for frames of <paramref name="native"/>.</summary>
    public static int ToDevicePool(int native)
    {
        var ids = s_ids.Value;
        return native == ids.Rgba ? ids.Rgb0 : native == ids.Bgra ? ids.Bgr0 : native;
    }

    /// <summary>The format a device frame whose frames context has <paramref name="softwareFormat"/> reports.</summary>
    public static int FromDevicePool(int softwareFormat)
    {
        var ids = s_ids.Value;
        return softwareFormat == ids.Rgb0 ? ids.Rgba : softwareFormat == ids.Bgr0 ? ids.Bgra : softwareFormat;
    }

    private static int Id(string name)
    {
        _ = FFmpegRuntime.Layout;
        byte[] bytes = Utf8.ToNullTerminated(name);
        fixed (byte* p = bytes) return FFmpegApi.av_get_pix_fmt(p);
    }
}
