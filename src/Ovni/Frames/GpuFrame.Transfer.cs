// Moving a frame between host and CUDA device memory. Uploads go into the device's pooled AVHWFramesContext
// of the frame's format and size, downloads into the device's pooled host frames; both through FFmpeg's
// av_hwframe_transfer_data on the device's stream, so the frames are the same AV_PIX_FMT_CUDA frames
// NVDEC produces and NVENC consumes.
using Ovni.Interop.FFmpeg;

namespace Ovni;

public sealed unsafe partial class GpuFrame
{
    /// <summary>
    /// A copy of this host frame in <paramref name="device"/>'s memory (or a shared reference when it is already there).
    /// Dispose both frames when done.
    /// </summary>
    /// <exception cref="OvniException">The frame lives on another CUDA device, has odd dimensions in a chroma-subsampled
    /// format, or its format cannot live in CUDA frames.</exception>
    public GpuFrame Upload(CudaDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (Device == device) return Share();
        if (Device.Kind != DeviceKind.Cpu)
            throw new OvniException($"Frame {Index} lives on {Device.Name}; download it before uploading it to {device.Name}.");
        PixelFormatInfo info = FormatInfo;
        if (info.IsHardware)
            throw new OvniException($"Frame {Index} is a {info.Name} frame without device memory; it cannot be uploaded.");
        if ((info.Log2ChromaWidth != 0 && (Width & 1) != 0) || (info.Log2ChromaHeight != 0 && (Height & 1) != 0))
            throw new OvniException($"Frame {Index} is {Width}x{Height} {info.Name}: CUDA frames of a chroma-subsampled format need even dimensions; scale or crop to an even size first.");
        for (int plane = 0; plane < PlaneCount; plane++)
        {
            if (GetPitch(plane) < info.PlaneWidthBytes(plane, Width))
                throw new OvniException($"Frame {Index} plane {plane} has pitch {GetPitch(plane)}, less than its {info.PlaneWidthBytes(plane, Width)}-byte rows.");
        }
        GpuFrame target = device.RentDeviceFrame(NativeFormat, Width, Height);
        try
        {
            FFmpegErrors.Check(FFmpegApi.av_hwframe_transfer_data(target.Native, Native, 0), $"Uploading frame {Index} to {device.Name}");
            target.CopyPropertiesFrom(this);
            target.Device = device;
            target.Pts = Pts;
            target.Color = Color;
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>A copy of this device frame in host memory (or a shared reference when it already is on the host). Dispose both.</summary>
    /// <exception cref="OvniException">The frame has no device memory to download from.</exception>
    public GpuFrame Download() => Device.Kind == DeviceKind.Cpu ? Share() : Device.CopyToHost(this);

    /// <summary>This frame on <paramref name="device"/>: shared when already there, otherwise uploaded, downloaded or both.</summary>
    public GpuFrame ToDevice(ComputeDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Device == device ? Share() : device.CopyFrom(this);
    }

    /// <summary>Copies this device frame into <paramref name="target"/>, a host frame of its layout and size (av_hwframe_transfer_data).</summary>
    internal void DownloadInto(GpuFrame target)
    {
        FFmpegErrors.Check(FFmpegApi.av_hwframe_transfer_data(target.Native, Native, 0), $"Downloading frame {Index} from {Device.Name}");
        target.CopyPropertiesFrom(this);
        target.Device = ComputeDevice.Cpu;
        target.Pts = Pts;
        target.Color = Color;
    }
}
