// Why: a pair of vpermt2b index tables (8-bit luma load, RGBA interleave), read once per row instead of once per
// block (static readonly vectors are reloaded from memory inside the loop otherwise).
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly record struct WideIndexPair(Vector512<byte> Low, Vector512<byte> High);
