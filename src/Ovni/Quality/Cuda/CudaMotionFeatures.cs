// Why: VMAF's motion feature compares consecutive reference frames; with the frames already on the GPU this runs it
// there (native/kernels/vmaf_motion.cu): a per-pixel vertical pass of the blurred difference, then one int64 SAD per
// row. Only the row sums come back; the host adds them and finishes with MotionExtractor.FinishScore, so the score
// is MotionExtractor's bit for bit. Device buffers are made in the constructor, so Compute allocates nothing.
using System.Runtime.InteropServices;
using Ovni.Devices.Cuda;
using Ovni.Kernels;
using Ovni.Kernels.Quality;

namespace Ovni.Quality.Cuda;

/// <summary>
/// The integer motion score on a CUDA device for one frame size, bit for bit <see cref="MotionExtractor"/>; a workspace
/// for one scoring thread, queued on the device's stream.
/// </summary>
internal sealed class CudaMotionFeatures : IDisposable
{
    private const string What = "VMAF motion on CUDA";
    private static readonly CudaDim3 s_pixelBlock = new(32, 8);
    private static readonly CudaDim3 s_rowBlock = new(128);

    private readonly CudaDevice _device;
    private readonly int _width, _height;
    private readonly CudaKernels _kernels;
    private readonly CudaDeviceBuffer _blurred, _rowSads;
    private readonly long[] _hostSads;
    private bool _disposed;

    /// <summary>Allocates the device work buffers for <paramref name="width"/> x <paramref name="height"/> frames.</summary>
    /// <exception cref="OvniException">The frame is smaller than 3x3 (the 5-tap filter's mirror) or allocation fails.</exception>
    public CudaMotionFeatures(CudaDevice device, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (width < 3 || height < 3)
            throw new OvniException($"{What}: motion needs at least 3x3 pixels, got {width}x{height}.");
        _device = device;
        _width = width;
        _height = height;
        _kernels = device.Kernels;
        _blurred = CudaDeviceBuffer.AllocatePitched(device.Context, 4 * width, height);
        try
        {
            _rowSads = CudaDeviceBuffer.Allocate(device.Context, sizeof(long) * height);
        }
        catch
        {
            _blurred.Dispose();
            throw;
        }
        _hostSads = new long[height];
    }

    /// <summary>
    /// The motion score between the previous and the current reference luma (packed 16-bit, pitched or linear device
    /// buffers of this size); equal bit for bit to <see cref="MotionExtractor.Compute"/>. Waits for the device.
    /// </summary>
    /// <exception cref="OvniException">A buffer is on another context or too small, or the bit depth is outside 8..16;
    /// checked before anything is launched.</exception>
    public double Compute(CudaDeviceBuffer previous, CudaDeviceBuffer current, int bitDepth)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int previousPitch = CudaVifLumaPlane.PitchOf(previous, _width, _height, _device, What + " (previous frame)");
        int currentPitch = CudaVifLumaPlane.PitchOf(current, _width, _height, _device, What + " (current frame)");
        CudaVifLumaPlane.CheckBitDepth(bitDepth, What);

        CudaKernelCall vertical = _kernels.Call(KernelCatalog.VmafMotionVertical);
        vertical.AddPlane(previous, previousPitch);
        vertical.AddPlane(current, currentPitch);
        vertical.AddInt32(_width);
        vertical.AddInt32(_height);
        vertical.AddInt32(bitDepth);
        vertical.AddPlane(_blurred, (int)_blurred.Pitch);
        _kernels.Launch(ref vertical, CudaDim3.GridFor(_width, _height, s_pixelBlock), s_pixelBlock);

        CudaKernelCall rowSad = _kernels.Call(KernelCatalog.VmafMotionRowSad);
        rowSad.AddPlane(_blurred, (int)_blurred.Pitch);
        rowSad.AddInt32(_width);
        rowSad.AddInt32(_height);
        rowSad.AddBuffer(_rowSads);
        _kernels.Launch(ref rowSad, CudaDim3.GridFor(_height, 1, s_rowBlock), s_rowBlock);

        Span<byte> staging = MemoryMarshal.AsBytes(_hostSads.AsSpan());
        _rowSads.CopyToHost(staging, staging.Length, _device.Stream);
        long sad = 0;
        foreach (long row in _hostSads) sad += row;
        return MotionExtractor.FinishScore(sad, _width, _height);
    }

    /// <summary>Frees the device buffers.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _blurred.Dispose();
        _rowSads.Dispose();
    }
}
