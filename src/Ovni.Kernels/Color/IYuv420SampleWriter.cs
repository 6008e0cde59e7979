// Why: one generic RGBA -> 4:2:0 loop serves YUV420P, NV12 and P010; the JIT specialises it per writer struct.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>Stores luma and chroma samples of one 4:2:0 destination layout.</summary>
internal unsafe interface IYuv420SampleWriter
{
    /// <summary>Bits beyond 8 (0 for 8-bit layouts, 2 for P010).</summary>
    static abstract int ExtraBits { get; }

    static abstract void Luma(byte* yRow, int x, int value);

    static abstract void Chroma(byte* uRow, byte* vRow, int cx, int u, int v);

    /// <summary>Stores luma lanes 0..7 at pixels x..x+7.</summary>
    static abstract void Luma8(byte* yRow, int x, Vector256<int> values);

    /// <summary>Stores chroma lanes 0..3 at chroma samples cx..cx+3.</summary>
    static abstract void Chroma4(byte* uRow, byte* vRow, int cx, Vector256<int> u, Vector256<int> v);

    /// <summary>Stores luma lanes 0..3 at pixels x..x+3.</summary>
    static abstract void Luma4(byte* yRow, int x, Vector128<int> values);

    /// <summary>Stores chroma lanes 0..1 at chroma samples cx..cx+1.</summary>
    static abstract void Chroma2(byte* uRow, byte* vRow, int cx, Vector128<int> u, Vector128<int> v);
}
