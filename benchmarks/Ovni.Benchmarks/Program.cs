using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project benchmarks/Ovni.Benchmarks -- --filter '*Media*'
// Each suite lives in a folder beside the layer it measures (Media/, Kernels/, Quality/, Cuda/).
// `-- cuda …` runs the GPU suite, which prints "no CUDA device" and exits 0 where there is none.
if (args is ["cuda", ..]) return Ovni.Benchmarks.Cuda.CudaBenchmarkRunner.Run(args[1..]);
// `-- ops <raw.yuv> <w> <h> <op>` times one frame operation for benchmarks/compare-ops.sh.
if (args is ["ops", ..]) return Ovni.Benchmarks.Operations.OperationRawRunner.Run(args[1..]);
// `-- vmaf-raw <ref.yuv> <dist.yuv> <w> <h> <threads> <model>` scores raw files for benchmarks/compare-vmaf.sh.
if (args is ["vmaf-raw", ..]) return Ovni.Benchmarks.Quality.VmafRawRunner.Run(args[1..]);
// `-- vmaf-parts <ref.yuv> <dist.yuv> <w> <h>` times each VMAF feature extractor alone (CPU ms per frame).
if (args is ["vmaf-parts", ..]) return Ovni.Benchmarks.Quality.VmafPartsRunner.Run(args[1..]);
// `-- scenes <clip> [runs]` times scene detection against a plain decode (benchmarks/scene-cost.sh).
if (args is ["scenes", ..]) return await Ovni.Benchmarks.Scenes.SceneCostRunner.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
