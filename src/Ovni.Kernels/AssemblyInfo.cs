// Kernels are blittable per-pixel math; nothing here needs the runtime marshaller.
[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]
