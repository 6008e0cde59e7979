// The quality tests exercise the feature extractors directly; the emulator tests of the CUDA feature launchers
// (tests/Ovni.Operations.Tests, the project whose libcuda emulator runs the real host-compiled kernels) compare
// against them.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Ovni.Quality.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Ovni.Operations.Tests")]
