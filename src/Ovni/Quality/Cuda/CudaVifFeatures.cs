// Why: VIF is most of VMAF's work; this runs it on the GPU (native/kernels/vmaf_vif.cu) for frames already in device
// memory and returns exactly VifExtractor's numbers. Per scale: vertical pass -> horizontal pass + per-pixel terms ->
// per-row int64 sums, then the pyramid step to the next scale. Only the row sums (4 x 8 bytes per row and scale) come
// back; the host adds them and finishes with VifExtractor.FinishScale, the CPU extractor's own float arithmetic.
// Every device buffer and table is made in the constructor, so Compute allocates nothing.
using System.Runtime.InteropServices;
using Ovni.Devices.Cuda;
using Ovni.Kernels;
using Ovni.Kernels.Quality;

namespace Ovni.Quality.Cuda;

/// <summary>
/// Integer VIF at four scales on a CUDA device for one frame size, bit for bit <see cref="VifExtractor"/>. Like the CPU
/// extractor it is a workspace: one instance per scoring thread. Work is queued on the device's stream, after whatever
/// <see cref="CudaLumaLoader"/> queued there.
/// </summary>
internal sealed class CudaVifFeatures : IDisposable
{
    private const int Scales = 4;
    private const int TermPlanes = 4; // numLog, denLog, numNonLog, cntNonLog
    private const string What = "VMAF VIF on CUDA";
    private static readonly CudaDim3 s_pixelBlock = new(32, 8);
    private static readonly CudaDim3 s_rowBlock = new(128);

    private readonly CudaDevice _device;
    private readonly int _width, _height;
    private readonly int[] _scaleWidth = new int[Scales], _scaleHeight = new int[Scales];
    private readonly CudaKernels _kernels;
    private readonly List<CudaDeviceBuffer> _owned = [];
    private readonly CudaDeviceBuffer[] _refPyramid = new CudaDeviceBuffer[Scales], _distPyramid = new CudaDeviceBuffer[Scales];
    private readonly CudaDeviceBuffer[] _filters = new CudaDeviceBuffer[Scales], _rowSumBuffers = new CudaDeviceBuffer[Scales];
    private readonly CudaDeviceBuffer _stats, _terms, _log2Table, _gainLimit;
    private readonly long[] _hostSums;
    private bool _disposed;

    /// <summary>Allocates the device work buffers for <paramref name="width"/> x <paramref name="height"/> frames.</summary>
    /// <exception cref="OvniException">The frame is smaller than 16x16, the gain limit is not a number, or allocation fails.</exception>
    public CudaVifFeatures(CudaDevice device, int width, int height, double gainLimit = 100.0)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (width < 16 || height < 16)
            throw new OvniException($"{What}: VIF needs at least 16x16 pixels, got {width}x{height}.");
        if (double.IsNaN(gainLimit))
            throw new OvniException($"{What}: the VIF gain limit is not a number.");
        _device = device;
        _width = width;
        _height = height;
        _kernels = device.Kernels;
        try
        {
            for (int s = 0, w = width, h = height; s < Scales; s++, w /= 2, h /= 2)
            {
                _scaleWidth[s] = w;
                _scaleHeight[s] = h;
                if (s > 0)
                {
                    _refPyramid[s] = Own(CudaDeviceBuffer.AllocatePitched(device.Context, 2 * w, h));
                    _distPyramid[s] = Own(CudaDeviceBuffer.AllocatePitched(device.Context, 2 * w, h));
                }
                _filters[s] = Upload(MemoryMarshal.AsBytes(VifExtractor.Filter(s)));
                _rowSumBuffers[s] = Own(CudaDeviceBuffer.Allocate(device.Context, TermPlanes * sizeof(long) * h));
            }
            // Every scale reuses scale 0's planes: plane p of a scale starts at row p * (that scale's height).
            _stats = Own(CudaDeviceBuffer.AllocatePitched(device.Context, 4 * width, 5 * height));
            _terms = Own(CudaDeviceBuffer.AllocatePitched(device.Context, 4 * width, TermPlanes * height));
            _log2Table = Upload(MemoryMarshal.AsBytes(VifExtractor.Log2Q11Table));
            _gainLimit = Upload(MemoryMarshal.AsBytes(new ReadOnlySpan<double>(in gainLimit)));
        }
        catch
        {
            foreach (CudaDeviceBuffer buffer in _owned) buffer.Dispose();
            throw;
        }
        _hostSums = new long[TermPlanes * height];
    }

    /// <summary>
    /// Computes the four scales of one frame pair of packed 16-bit luma (pitched or linear device buffers of this
    /// size); equal bit for bit to <see cref="VifExtractor.Compute"/> on the same samples. Waits for the device.
    /// </summary>
    /// <exception cref="OvniException">A buffer is on another context or too small, the bit depth is outside 8..16,
    /// or <paramref name="scales"/> has fewer than four elements; checked before anything is launched.</exception>
    public void Compute(CudaDeviceBuffer reference, CudaDeviceBuffer distorted, int bitDepth, Span<VifScaleResult> scales)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int referencePitch = CudaVifLumaPlane.PitchOf(reference, _width, _height, _device, What + " (reference)");
        int distortedPitch = CudaVifLumaPlane.PitchOf(distorted, _width, _height, _device, What + " (distorted)");
        CudaVifLumaPlane.CheckBitDepth(bitDepth, What);
        if (scales.Length < Scales)
            throw new OvniException($"{What}: the result span holds {scales.Length} scales; VIF has {Scales}.");

        Statistics(0, reference, referencePitch, distorted, distortedPitch, bitDepth, 2 * (bitDepth - 8));
        for (int s = 1; s < Scales; s++)
        {
            int shift = s == 1 ? bitDepth : 16;
            Downsample(s, s == 1 ? reference : _refPyramid[s - 1], s == 1 ? referencePitch : (int)_refPyramid[s - 1].Pitch, shift, _refPyramid[s]);
            Downsample(s, s == 1 ? distorted : _distPyramid[s - 1], s == 1 ? distortedPitch : (int)_distPyramid[s - 1].Pitch, shift, _distPyramid[s]);
            Statistics(s, _refPyramid[s], (int)_refPyramid[s].Pitch, _distPyramid[s], (int)_distPyramid[s].Pitch, 16, 16);
        }

        Span<byte> staging = MemoryMarshal.AsBytes(_hostSums.AsSpan());
        for (int s = 0; s < Scales; s++)
        {
            int h = _scaleHeight[s];
            // The first copy waits for the whole queue; the others find the stream idle.
            _rowSumBuffers[s].CopyToHost(staging, staging.Length, _device.Stream);
            long numLog = 0, denLog = 0, numNonLog = 0, cntNonLog = 0;
            for (int y = 0; y < h; y++)
            {
                numLog += _hostSums[TermPlanes * y];
                denLog += _hostSums[(TermPlanes * y) + 1];
                numNonLog += _hostSums[(TermPlanes * y) + 2];
                cntNonLog += _hostSums[(TermPlanes * y) + 3];
            }
            scales[s] = VifExtractor.FinishScale(numLog, denLog, numNonLog, cntNonLog);
        }
    }

    /// <summary>Frees the device buffers.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (CudaDeviceBuffer buffer in _owned) buffer.Dispose();
        _owned.Clear();
    }

    private void Statistics(int s, CudaDeviceBuffer reference, int referencePitch, CudaDeviceBuffer distorted, int distortedPitch,
                            int shiftMean, int shiftSquare)
    {
        int w = _scaleWidth[s], h = _scaleHeight[s], taps = VifExtractor.Filter(s).Length;
        CudaDim3 grid = CudaDim3.GridFor(w, h, s_pixelBlock);

        CudaKernelCall vertical = _kernels.Call(KernelCatalog.VmafVifVertical);
        vertical.AddPlane(reference, referencePitch);
        vertical.AddPlane(distorted, distortedPitch);
        vertical.AddInt32(w);
        vertical.AddInt32(h);
        vertical.AddBuffer(_filters[s]);
        vertical.AddInt32(taps);
        vertical.AddInt32(shiftMean);
        vertical.AddInt32(shiftSquare);
        vertical.AddPlane(_stats, (int)_stats.Pitch);
        _kernels.Launch(ref vertical, grid, s_pixelBlock);

        CudaKernelCall statistics = _kernels.Call(KernelCatalog.VmafVifStatistics);
        statistics.AddPlane(_stats, (int)_stats.Pitch);
        statistics.AddInt32(w);
        statistics.AddInt32(h);
        statistics.AddBuffer(_filters[s]);
        statistics.AddInt32(taps);
        statistics.AddBuffer(_log2Table);
        statistics.AddBuffer(_gainLimit);
        statistics.AddPlane(_terms, (int)_terms.Pitch);
        _kernels.Launch(ref statistics, grid, s_pixelBlock);

        CudaKernelCall rowSums = _kernels.Call(KernelCatalog.VmafVifRowSums);
        rowSums.AddPlane(_terms, (int)_terms.Pitch);
        rowSums.AddInt32(w);
        rowSums.AddInt32(h);
        rowSums.AddBuffer(_rowSumBuffers[s]);
        _kernels.Launch(ref rowSums, CudaDim3.GridFor(h, 1, s_rowBlock), s_rowBlock);
    }

    // Scale s-1 (source) filtered with scale s's taps, even rows and columns kept, into scale s.
    private void Downsample(int s, CudaDeviceBuffer source, int sourcePitch, int shift, CudaDeviceBuffer destination)
    {
        CudaKernelCall call = _kernels.Call(KernelCatalog.VmafVifDownsample);
        call.AddPlane(source, sourcePitch);
        call.AddInt32(_scaleWidth[s - 1]);
        call.AddInt32(_scaleHeight[s - 1]);
        call.AddBuffer(_filters[s]);
        call.AddInt32(VifExtractor.Filter(s).Length);
        call.AddInt32(shift);
        call.AddPlane(destination, (int)destination.Pitch);
        _kernels.Launch(ref call, CudaDim3.GridFor(_scaleWidth[s], _scaleHeight[s], s_pixelBlock), s_pixelBlock);
    }

    private CudaDeviceBuffer Own(CudaDeviceBuffer buffer)
    {
        _owned.Add(buffer);
        return buffer;
    }

    private CudaDeviceBuffer Upload(ReadOnlySpan<byte> table)
    {
        CudaDeviceBuffer buffer = Own(CudaDeviceBuffer.Allocate(_device.Context, table.Length));
        buffer.CopyFromHost(table, table.Length, _device.Stream);
        return buffer;
    }
}
