using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Side data a frame made from another must keep: the HDR10 mastering display, content light level and HDR10+
/// metadata (AVFrameSideDataType 11, 14, 17) that decoders attach and the writer passes on to encoders.
/// </summary>
internal static unsafe class FrameSideData
{
    private static readonly int[] s_carried = [11, 14, 17];

    /// <summary>Copies the carried side data of <paramref name="source"/> onto <paramref name="target"/> (operations, conversions).</summary>
    internal static void CopyCarried(GpuFrame source, GpuFrame target)
    {
        foreach (int type in s_carried)
        {
            byte* data = (byte*)FFmpegApi.av_frame_get_side_data(source.Native, type);
            if (data == null || FFmpegApi.av_frame_get_side_data(target.Native, type) != null) continue;
            byte* bytes = *(byte**)(data + 8);  // AVFrameSideData.data
            nuint size = *(nuint*)(data + 16);  // AVFrameSideData.size
            byte* copy = (byte*)FFmpegApi.av_frame_new_side_data(target.Native, type, size);
            if (copy == null) throw new OutOfMemoryException("av_frame_new_side_data failed.");
            Buffer.MemoryCopy(bytes, *(byte**)(copy + 8), (long)size, (long)size);
        }
    }
}
