// The CUDA tests drive the bindings below the public surface (the library probe, raw driver calls),
// so they see this assembly's internals. Kept here, beside the code they test, rather than in Ovni.csproj.
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Ovni.Cuda.Tests")]
