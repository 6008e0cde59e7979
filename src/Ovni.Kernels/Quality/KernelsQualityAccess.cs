// The quality tests exercise the feature extractors directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Ovni.Quality.Tests")]
