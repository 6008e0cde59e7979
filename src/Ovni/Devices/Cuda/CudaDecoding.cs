// Puts a decoder on a CudaDevice: the decoder gets FFmpeg's CUDA hw device (our context) and a get_format
// callback that picks AV_PIX_FMT_CUDA whenever the decoder offers it, so NVDEC writes straight into device
// memory. When NVDEC cannot start (no libnvcuvid, codec or profile the GPU cannot decode), FFmpeg drops the
// CUDA choice and asks again; the callback then picks the software format and the reader uploads.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ovni.Interop.FFmpeg;

namespace Ovni.Devices.Cuda;

/// <summary>NVDEC set-up for FFmpeg decoders and the explanation when it falls back to software decoding.</summary>
internal static unsafe class CudaDecoding
{
    private static int s_cudaFormat = -1;
    private static long s_cudaOffers;

    /// <summary>How many times a decoder offered CUDA output to the callback (tests prove the NVDEC path was tried).</summary>
    internal static long CudaOffers => Interlocked.Read(ref s_cudaOffers);

    /// <summary>Gives an unopened decoder context the device's hw device and the CUDA-preferring get_format.</summary>
    public static void Attach(void* codecContext, CudaDevice device)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        Volatile.Write(ref s_cudaFormat, PixelFormatInfo.ToNative(PixelFormat.Cuda));
        void* deviceRef = FFmpegApi.av_buffer_ref(device.HwDeviceRef);
        if (deviceRef == null) throw new OutOfMemoryException("av_buffer_ref failed.");
        *(void**)((byte*)codecContext + l.CodecCtxHwDeviceCtx) = deviceRef; // freed with the context
        *(delegate* unmanaged[Cdecl]<void*, int*, int>*)((byte*)codecContext + l.CodecCtxGetFormat) = &ChooseFormat;
    }

    /// <summary>Why frames arrived in host memory although a CUDA device was asked for.</summary>
    public static string DescribeFallback(string codec)
    {
        string library = OperatingSystem.IsWindows() ? "nvcuvid.dll" : "libnvcuvid.so.1";
        if (!NativeLibrary.TryLoad(library, out nint handle))
            return $"NVDEC is unavailable: {library} (the NVIDIA driver's video decode library) could not be loaded";
        NativeLibrary.Free(handle);
        return $"NVDEC did not accept this {codec} stream (FFmpeg has no CUDA hwaccel for it, or the GPU cannot decode its profile/size)";
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ChooseFormat(void* codecContext, int* formats)
    {
        int cuda = Volatile.Read(ref s_cudaFormat);
        int software = -1;
        try
        {
            for (int* p = formats; *p != -1; p++)
            {
                if (*p == cuda)
                {
                    Interlocked.Increment(ref s_cudaOffers);
                    return cuda;
                }
                if (software < 0 && !PixelFormatInfo.FromNative(*p).IsHardware) software = *p;
            }
        }
        catch
        {
            // never unwind into FFmpeg; fall through with what was found
        }
        return software;
    }
}
