// VMAF's ADM feature (integer_adm2 and the four scales' numerators/denominators) on a CUDA device: the luma never
// leaves the GPU; only the per-row partial sums (6 x ceil(height/2) longs per scale) come back, and the host
// finishes them with AdmExtractor's own per-scale routine, so the result equals AdmExtractor.Compute bit for bit.
// Every device buffer is allocated in the constructor: scoring a frame allocates nothing.
using System.Runtime.InteropServices;
using Ovni.Devices.Cuda;
using Ovni.Kernels;
using Ovni.Kernels.Quality;

namespace Ovni.Quality.Cuda;

/// <summary>
/// Computes ADM for frames of one size on one <see cref="CudaDevice"/> (kernels of native/kernels/vmaf_adm.cu).
/// One instance per scoring thread: <see cref="Compute"/> reuses its device buffers.
/// </summary>
internal sealed class CudaAdmFeatures : IDisposable
{
    /// <summary>
    /// Smallest width and height: every wavelet level needs at least two samples per direction, and the scale-3 bands
    /// (four halvings) need two rows and columns for the masking neighbourhood: 17 -> 9 -> 5 -> 3 -> 2.
    /// </summary>
    public const int MinimumSize = 17;

    private const int Scales = 4;
    private static readonly CudaDim3 Block = new(16, 16);
    private static readonly CudaDim3 RowBlock = new(64, 1);

    private readonly CudaDevice _device;
    private readonly CudaKernelLauncher _launcher;
    private readonly int _width, _height, _bandRows, _bandPitch, _loPitch, _termsPitch;
    private readonly int _gainLimitLow, _gainLimitHigh;
    private readonly CudaKernelSignature _vertical, _horizontal, _decouple, _maskedTerms, _referenceTerms, _rowSums;
    private readonly AdmScaleLayout[] _layouts = new AdmScaleLayout[Scales];
    private readonly List<CudaDeviceBuffer> _buffers = [];
    private readonly CudaDeviceBuffer _lo, _hi, _refH, _refV, _refD, _distH, _distV, _distD, _restH, _restV, _restD, _maskF, _maskC;
    private readonly CudaDeviceBuffer[] _refA, _distA;
    private readonly CudaDeviceBuffer _terms, _sums, _reciprocals;
    private readonly long[] _hostSums;
    private readonly string _referenceWhat, _distortedWhat; // error-message prefixes, made once: Compute allocates nothing
    private bool _disposed;

    /// <summary>Allocates the device work buffers for <paramref name="width"/> x <paramref name="height"/> luma.</summary>
    /// <param name="device">The device the luma buffers live on and the kernels run on.</param>
    /// <param name="width">Luma width, at least <see cref="MinimumSize"/>.</param>
    /// <param name="height">Luma height, at least <see cref="MinimumSize"/>.</param>
    /// <param name="gainLimit">libvmaf's adm_enhn_gain_limit (100 = the default model's).</param>
    /// <exception cref="OvniException">The size is too small, or device memory ran out.</exception>
    public CudaAdmFeatures(CudaDevice device, int width, int height, double gainLimit = 100.0)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (width < MinimumSize || height < MinimumSize)
            throw new OvniException($"ADM on {device.Name}: a {width}x{height} frame is too small; the four wavelet levels need at least {MinimumSize}x{MinimumSize}.");
        if (!double.IsFinite(gainLimit))
            throw new OvniException($"ADM on {device.Name}: the enhancement gain limit must be a finite number, got {gainLimit}.");
        _device = device;
        _referenceWhat = $"ADM on {device.Name} (reference luma)";
        _distortedWhat = $"ADM on {device.Name} (distorted luma)";
        _launcher = device.Kernels.Launcher;
        _width = width;
        _height = height;
        _bandRows = (height + 1) / 2;
        _bandPitch = (width + 1) / 2 * sizeof(int);
        _loPitch = width * sizeof(int);
        _termsPitch = (width + 1) / 2 * sizeof(long);
        long gainBits = BitConverter.DoubleToInt64Bits(gainLimit);
        _gainLimitLow = (int)gainBits;
        _gainLimitHigh = (int)(gainBits >> 32);
        _vertical = KernelCatalogSignatures.For(KernelCatalog.AdmDwtVertical);
        _horizontal = KernelCatalogSignatures.For(KernelCatalog.AdmDwtHorizontal);
        _decouple = KernelCatalogSignatures.For(KernelCatalog.AdmDecouple);
        _maskedTerms = KernelCatalogSignatures.For(KernelCatalog.AdmMaskedTerms);
        _referenceTerms = KernelCatalogSignatures.For(KernelCatalog.AdmReferenceTerms);
        _rowSums = KernelCatalogSignatures.For(KernelCatalog.AdmRowSums);

        int w = width, h = height;
        for (int s = 0; s < Scales; s++)
        {
            w = (w + 1) / 2;
            h = (h + 1) / 2;
            _layouts[s] = AdmScaleLayout.For(s, w, h);
        }

        try
        {
            _lo = Allocate(_loPitch * _bandRows);
            _hi = Allocate(_loPitch * _bandRows);
            _refA = [Band(), Band()];
            _distA = [Band(), Band()];
            (_refH, _refV, _refD) = (Band(), Band(), Band());
            (_distH, _distV, _distD) = (Band(), Band(), Band());
            (_restH, _restV, _restD, _maskF, _maskC) = (Band(), Band(), Band(), Band(), Band());
            _terms = Allocate(_termsPitch * AdmExtractor.TermPlanes * _bandRows);
            _hostSums = new long[Scales * AdmExtractor.TermPlanes * _bandRows];
            _sums = Allocate(_hostSums.Length * sizeof(long));
            ReadOnlySpan<byte> table = MemoryMarshal.AsBytes(AdmExtractor.Reciprocal.AsSpan());
            _reciprocals = Allocate(table.Length);
            _reciprocals.CopyFromHost(table, table.Length, device.Stream);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// integer_adm2 of one frame pair, and each scale's numerator and denominator; equal to
    /// <c>AdmExtractor.Compute</c> on the same samples, bit for bit.
    /// </summary>
    /// <param name="reference">Packed 16-bit reference luma on the device (rows of width x 2 bytes, or the buffer's pitch for a pitched buffer).</param>
    /// <param name="distorted">Packed 16-bit distorted luma, laid out as <paramref name="reference"/>.</param>
    /// <param name="bitDepth">Bits per sample: 8, 10 or 12.</param>
    /// <param name="numerators">Receives the four scales' numerators.</param>
    /// <param name="denominators">Receives the four scales' denominators.</param>
    /// <exception cref="OvniException">A buffer is on another device or too small, or the bit depth or spans are wrong.</exception>
    public double Compute(CudaDeviceBuffer reference, CudaDeviceBuffer distorted, int bitDepth, Span<float> numerators, Span<float> denominators)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(distorted);
        if (bitDepth is not (>= 8 and <= 12))
            throw new OvniException($"ADM on {_device.Name}: bit depth {bitDepth} is not supported (8 to 12 bits).");
        if (numerators.Length < Scales || denominators.Length < Scales)
            throw new OvniException($"ADM on {_device.Name}: numerators and denominators need room for {Scales} scales, got {numerators.Length} and {denominators.Length}.");
        int referencePitch = CudaVifLumaPlane.PitchOf(reference, _width, _height, _device, _referenceWhat);
        int distortedPitch = CudaVifLumaPlane.PitchOf(distorted, _width, _height, _device, _distortedWhat);

        int planes = AdmExtractor.TermPlanes;
        int w = _width, h = _height;
        for (int s = 0; s < Scales; s++)
        {
            int cur = s & 1, prev = cur ^ 1;
            Transform(s, s == 0 ? reference : _refA[prev], s == 0 ? referencePitch : _bandPitch, w, h, bitDepth, _refA[cur], _refH, _refV, _refD);
            Transform(s, s == 0 ? distorted : _distA[prev], s == 0 ? distortedPitch : _bandPitch, w, h, bitDepth, _distA[cur], _distH, _distV, _distD);
            AdmScaleLayout layout = _layouts[s];
            Decouple(layout);
            Terms(layout);
            RowSums(layout, s * planes * _bandRows);
            w = layout.Width;
            h = layout.Height;
        }

        // The download waits for the stream: the row sums of all four scales come back in one copy.
        Span<byte> staging = MemoryMarshal.AsBytes(_hostSums.AsSpan());
        _sums.CopyToHost(staging, staging.Length, _device.Stream);
        ReadOnlySpan<long> sums = _hostSums;
        for (int s = 0; s < Scales; s++)
        {
            AdmExtractor.FinishScale(_layouts[s], sums[(s * planes * _bandRows)..], _bandRows, out numerators[s], out denominators[s]);
        }
        return AdmExtractor.Combine(_width, _height, numerators, denominators);
    }

    /// <summary>Frees the device buffers.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (CudaDeviceBuffer buffer in _buffers) buffer.Dispose();
        _buffers.Clear();
    }

    // One db2 level: columns into lo/hi, then rows into the A, H, V, D bands.
    private void Transform(int scale, CudaDeviceBuffer source, int sourcePitch, int w, int h, int bitDepth,
        CudaDeviceBuffer a, CudaDeviceBuffer bandH, CudaDeviceBuffer bandV, CudaDeviceBuffer bandD)
    {
        int bw = (w + 1) / 2, bh = (h + 1) / 2;
        CudaKernelCall vertical = _launcher.CreateCall(_vertical);
        vertical.AddBuffer(source);
        vertical.AddInt32(sourcePitch);
        vertical.AddInt32(w);
        vertical.AddInt32(h);
        vertical.AddInt32(scale);
        vertical.AddInt32(bitDepth);
        vertical.AddBuffer(_lo);
        vertical.AddBuffer(_hi);
        vertical.AddInt32(_loPitch);
        _launcher.Launch(ref vertical, CudaDim3.GridFor(w, bh, Block), Block);

        CudaKernelCall horizontal = _launcher.CreateCall(_horizontal);
        horizontal.AddBuffer(_lo);
        horizontal.AddBuffer(_hi);
        horizontal.AddInt32(_loPitch);
        horizontal.AddInt32(w);
        horizontal.AddInt32(bh);
        horizontal.AddInt32(scale);
        horizontal.AddBuffer(a);
        horizontal.AddBuffer(bandH);
        horizontal.AddBuffer(bandV);
        horizontal.AddBuffer(bandD);
        horizontal.AddInt32(_bandPitch);
        _launcher.Launch(ref horizontal, CudaDim3.GridFor(bw, bh, Block), Block);
    }

    private void Decouple(in AdmScaleLayout layout)
    {
        CudaKernelCall call = _launcher.CreateCall(_decouple);
        call.AddBuffer(_refH);
        call.AddBuffer(_refV);
        call.AddBuffer(_refD);
        call.AddBuffer(_distH);
        call.AddBuffer(_distV);
        call.AddBuffer(_distD);
        call.AddBuffer(_restH);
        call.AddBuffer(_restV);
        call.AddBuffer(_restD);
        call.AddBuffer(_maskF);
        call.AddBuffer(_maskC);
        call.AddInt32(_bandPitch);
        call.AddInt32(layout.ColStart);
        call.AddInt32(layout.RowStart);
        call.AddInt32(layout.ColEnd);
        call.AddInt32(layout.RowEnd);
        call.AddInt32(layout.Scale);
        call.AddBuffer(_reciprocals);
        call.AddInt32(_gainLimitLow);
        call.AddInt32(_gainLimitHigh);
        _launcher.Launch(ref call, CudaDim3.GridFor(layout.ColEnd - layout.ColStart, layout.RowEnd - layout.RowStart, Block), Block);
    }

    // Per-coefficient Minkowski-3 terms of the inner region: masked restored (planes 0..2), reference (planes 3..5).
    private void Terms(in AdmScaleLayout layout)
    {
        CudaDim3 grid = CudaDim3.GridFor(layout.Right - layout.Left, layout.Bottom - layout.Top, Block);
        CudaKernelCall masked = _launcher.CreateCall(_maskedTerms);
        masked.AddBuffer(_restH);
        masked.AddBuffer(_restV);
        masked.AddBuffer(_restD);
        masked.AddBuffer(_maskF);
        masked.AddBuffer(_maskC);
        masked.AddInt32(_bandPitch);
        masked.AddInt32(layout.Width);
        masked.AddInt32(layout.Height);
        AddRegion(ref masked, layout);
        masked.AddInt32(layout.Scale);
        masked.AddInt32(layout.ShiftHV);
        masked.AddInt32(layout.ShiftD);
        masked.AddBuffer(_terms);
        masked.AddInt32(_termsPitch);
        masked.AddInt32(_bandRows);
        _launcher.Launch(ref masked, grid, Block);

        CudaKernelCall reference = _launcher.CreateCall(_referenceTerms);
        reference.AddBuffer(_refH);
        reference.AddBuffer(_refV);
        reference.AddBuffer(_refD);
        reference.AddInt32(_bandPitch);
        AddRegion(ref reference, layout);
        reference.AddInt32(layout.Scale);
        reference.AddInt32(layout.DenominatorShift);
        reference.AddBuffer(_terms);
        reference.AddInt32(_termsPitch);
        reference.AddInt32(_bandRows);
        _launcher.Launch(ref reference, grid, Block);
    }

    private void RowSums(in AdmScaleLayout layout, int firstSum)
    {
        int rows = layout.Bottom - layout.Top;
        CudaKernelCall call = _launcher.CreateCall(_rowSums);
        call.AddBuffer(_terms);
        call.AddInt32(_termsPitch);
        call.AddInt32(_bandRows);
        call.AddInt32(AdmExtractor.TermPlanes);
        AddRegion(ref call, layout);
        call.AddBuffer(_sums);
        call.AddInt32(firstSum);
        _launcher.Launch(ref call, CudaDim3.GridFor(rows, AdmExtractor.TermPlanes, RowBlock), RowBlock);
    }

    private static void AddRegion(ref CudaKernelCall call, in AdmScaleLayout layout)
    {
        call.AddInt32(layout.Left);
        call.AddInt32(layout.Top);
        call.AddInt32(layout.Right);
        call.AddInt32(layout.Bottom);
    }

    private CudaDeviceBuffer Band() => Allocate(_bandPitch * _bandRows);

    private CudaDeviceBuffer Allocate(int bytes)
    {
        CudaDeviceBuffer buffer = CudaDeviceBuffer.Allocate(_device.Context, bytes);
        _buffers.Add(buffer);
        return buffer;
    }
}
