// Ovni targets 64-bit Linux and Windows; the FFmpeg/CUDA layouts it reads assume 64-bit pointers.
[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]
