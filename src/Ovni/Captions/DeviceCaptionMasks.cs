// Why: a caption stays on screen for seconds; its masks go to the device once per caption change and every frame
// it shows on reuses them ("unchanged caption bitmaps are not re-uploaded").
using Ovni.Devices.Cuda;

namespace Ovni.Captions;

/// <summary>A caption layer's luma and chroma alpha masks in device memory.</summary>
internal sealed class DeviceCaptionMasks : IDisposable
{
    private readonly CaptionLayer _layer;
    private readonly CudaDevice _device;
    private readonly CudaDeviceBuffer[] _luma, _chroma;

    public DeviceCaptionMasks(CaptionLayer layer, CudaDevice device)
    {
        _layer = layer;
        _device = device;
        _luma = new CudaDeviceBuffer[layer.Parts.Length];
        _chroma = new CudaDeviceBuffer[layer.Parts.Length];
        int samples = layer.InterleavedChroma ? 2 : 1;
        try
        {
            for (int i = 0; i < layer.Parts.Length; i++)
            {
                CaptionLayer.Part part = layer.Parts[i];
                _luma[i] = Upload(part.LumaAlpha, part.Width, part.Height);
                _chroma[i] = Upload(part.ChromaAlpha, part.ChromaWidth * samples, part.ChromaHeight);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Masks uploaded (two per part).</summary>
    public int Uploads => 2 * _layer.Parts.Length;

    /// <summary>True when these are <paramref name="layer"/>'s masks on <paramref name="device"/>.</summary>
    public bool Holds(CaptionLayer layer, CudaDevice device) => ReferenceEquals(layer, _layer) && device == _device;

    /// <summary>The luma or chroma mask of part <paramref name="part"/>.</summary>
    public CudaDeviceBuffer Mask(int part, bool chroma) => chroma ? _chroma[part] : _luma[part];

    private CudaDeviceBuffer Upload(byte[] mask, int rowBytes, int rows)
    {
        CudaDeviceBuffer buffer = CudaDeviceBuffer.AllocatePitched(_device.Context, Math.Max(1, rowBytes), Math.Max(1, rows));
        try
        {
            if (rowBytes > 0 && rows > 0)
                buffer.CopyFromHost(mask, rowBytes);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (CudaDeviceBuffer? buffer in _luma) buffer?.Dispose();
        foreach (CudaDeviceBuffer? buffer in _chroma) buffer?.Dispose();
    }
}
