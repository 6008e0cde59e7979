// Why: the AVX2 and 128-bit YUV -> RGBA loops form the R, G, B chroma terms once per block of chroma samples and
// use them for every luma row that shares the chroma row (two for 4:2:0); this carries them, already spread to the
// luma words' order: R0/G0/B0 for the first luma register, R1/G1/B1 for the second.
namespace Ovni.Kernels;

internal readonly record struct ChromaTerms<TVector>(TVector R0, TVector R1, TVector G0, TVector G1, TVector B0, TVector B1);
