// The quality tests and the local perf harness exercise the feature extractors directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Ovni.Quality.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("vmafperf")]
