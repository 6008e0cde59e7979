namespace Ovni;

/// <summary>
/// Told by a <see cref="FrameDecoder"/> what it reads and what damage it meets, so that a reader can report damage
/// (<see cref="DecodeReport"/>) and, when strict, stop at it. Without a monitor, damaged packets are skipped silently.
/// </summary>
internal unsafe interface IDecodeMonitor
{
    /// <summary>A packet of the decoded stream was read (an AVPacket), before it is sent to the decoder.</summary>
    void PacketRead(void* packet);

    /// <summary>The decoder refused or could not decode data (<paramref name="error"/>: FFmpeg's code); decoding goes on unless this throws.</summary>
    void Damaged(string what, int error);
}
