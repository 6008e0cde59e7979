// Why: the 12 registers of one 64-pixel chroma block (R, G, B terms, low/high 16-bit halves, pixels 0..31 and
// 32..63 in WideRgbaLanes order), computed once and used by the two luma rows that share the chroma row.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly record struct WideChroma(
    Vector512<ushort> RLow0, Vector512<ushort> RHigh0, Vector512<ushort> RLow1, Vector512<ushort> RHigh1,
    Vector512<ushort> GLow0, Vector512<ushort> GHigh0, Vector512<ushort> GLow1, Vector512<ushort> GHigh1,
    Vector512<ushort> BLow0, Vector512<ushort> BHigh0, Vector512<ushort> BLow1, Vector512<ushort> BHigh1);
