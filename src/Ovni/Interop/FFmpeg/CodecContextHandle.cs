using System.Runtime.InteropServices;

namespace Ovni.Interop.FFmpeg;

/// <summary>Owns an AVCodecContext (decoder or encoder).</summary>
internal sealed unsafe class CodecContextHandle : SafeHandle
{
    internal CodecContextHandle(void* context) : base(0, ownsHandle: true) => SetHandle((nint)context);

    public override bool IsInvalid => handle == 0;

    internal void* Pointer => (void*)handle;

    protected override bool ReleaseHandle()
    {
        void* context = (void*)handle;
        FFmpegApi.avcodec_free_context(&context);
        return true;
    }
}
