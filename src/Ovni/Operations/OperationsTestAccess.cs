// The operations tests check pooled frame reuse and device table caching below the public surface.
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Ovni.Operations.Tests")]
