using System.Runtime.InteropServices;

namespace Ovni.Interop.FFmpeg;

/// <summary>Owns one reusable AVPacket; a reader or writer keeps one and unrefs it after each use.</summary>
internal sealed unsafe class PacketHandle : SafeHandle
{
    internal PacketHandle() : base(0, ownsHandle: true)
    {
        void* packet = FFmpegApi.av_packet_alloc();
        if (packet == null) throw new OutOfMemoryException("av_packet_alloc failed.");
        SetHandle((nint)packet);
    }

    public override bool IsInvalid => handle == 0;

    internal void* Pointer => (void*)handle;

    protected override bool ReleaseHandle()
    {
        void* packet = (void*)handle;
        FFmpegApi.av_packet_free(&packet);
        return true;
    }
}
