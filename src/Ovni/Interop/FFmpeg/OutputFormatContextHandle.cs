using System.Runtime.InteropServices;

namespace Ovni.Interop.FFmpeg;

/// <summary>Owns an AVFormatContext opened for writing and its AVIOContext.</summary>
internal sealed unsafe class OutputFormatContextHandle : SafeHandle
{
    internal OutputFormatContextHandle(void* context) : base(0, ownsHandle: true) => SetHandle((nint)context);

    public override bool IsInvalid => handle == 0;

    internal void* Pointer => (void*)handle;

    protected override bool ReleaseHandle()
    {
        byte* context = (byte*)handle;
        void** pb = (void**)(context + FFmpegRuntime.Layout.FormatPb);
        if (*pb != null) FFmpegApi.avio_closep(pb);
        FFmpegApi.avformat_free_context(context);
        return true;
    }
}
