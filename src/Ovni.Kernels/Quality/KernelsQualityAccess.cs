// The quality tests exercise the feature extractors directly (per-scale values against libvmaf's debug output).
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Ovni.Quality.Tests")]
