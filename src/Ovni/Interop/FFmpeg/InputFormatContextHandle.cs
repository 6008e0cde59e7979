using System.Runtime.InteropServices;

namespace Ovni.Interop.FFmpeg;

/// <summary>Owns an AVFormatContext opened for reading; closes it exactly once, even on exceptions.</summary>
internal sealed unsafe class InputFormatContextHandle : SafeHandle
{
    internal InputFormatContextHandle(void* context) : base(0, ownsHandle: true) => SetHandle((nint)context);

    public override bool IsInvalid => handle == 0;

    internal void* Pointer => (void*)handle;

    protected override bool ReleaseHandle()
    {
        void* context = (void*)handle;
        FFmpegApi.avformat_close_input(&context);
        return true;
    }
}
