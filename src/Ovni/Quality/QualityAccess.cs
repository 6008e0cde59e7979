// The quality tests reach internal helpers (raw yuv plane copies) without widening the public API.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Ovni.Quality.Tests")]
