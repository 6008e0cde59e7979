using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project benchmarks/Ovni.Benchmarks -- --filter '*'
// Each suite lives in a folder beside the layer it measures (Media/, Kernels/, Quality/, Cuda/).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
