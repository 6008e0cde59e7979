// Why: the 6 registers of one 64-pixel chroma block (R, G, B terms for pixels 0..31 and 32..63 in WideRgbaLanes
// order), computed once and used by the two luma rows that share the chroma row.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly record struct WideChroma(
    Vector512<short> R0, Vector512<short> R1, Vector512<short> G0, Vector512<short> G1, Vector512<short> B0, Vector512<short> B1);
