using System.Runtime.InteropServices;

namespace Ovni.Interop.FFmpeg;

/// <summary>Owns an AVCodecContext (decoder or encoder).</summary>
internal sealed unsafe class CodecContextHandle : SafeHandle
{
    private readonly bool _serializedLifecycle;

    /// <param name="context">The context to own.</param>
    /// <param name="serializedLifecycle">Freed under <see cref="EncoderLifecycle"/>'s lock (an encoder with unguarded global state).</param>
    internal CodecContextHandle(void* context, bool serializedLifecycle = false) : base(0, ownsHandle: true)
    {
        _serializedLifecycle = serializedLifecycle;
        SetHandle((nint)context);
    }

    public override bool IsInvalid => handle == 0;

    internal void* Pointer => (void*)handle;

    protected override bool ReleaseHandle()
    {
        EncoderLifecycle.Free(_serializedLifecycle, (void*)handle);
        return true;
    }
}
