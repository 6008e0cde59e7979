// Why: the embedded PTX is what runs on real GPUs. It must be current (rebuilt from the .cu sources),
// contain every catalog kernel, and each .entry's parameter list must match what launchers pass.
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Ovni.Kernels.Tests;

public sealed partial class PtxTests
{
    [Fact]
    public void CommittedPtxIsNotStale()
    {
        if (TestEnvironment.FindProgram("clang++-14") is null)
        {
            Assert.Skip("clang++-14 is not installed, so the PTX cannot be regenerated here (apt-get install clang-14).");
        }

        string temp = Directory.CreateTempSubdirectory("ovni-ptx-").FullName;
        try
        {
            var info = new ProcessStartInfo("bash", [Path.Combine(TestEnvironment.RepoRoot, "native", "build-ptx.sh"), temp])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using Process process = Process.Start(info)!;
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"build-ptx.sh failed: {errors}");

            string committedDir = Path.Combine(TestEnvironment.RepoRoot, "src", "Ovni.Kernels", "Ptx");
            string[] fresh = [.. Directory.GetFiles(temp, "*.ptx").Select(Path.GetFileName).Order()!];
            string[] committed = [.. Directory.GetFiles(committedDir, "*.ptx").Select(Path.GetFileName).Order()!];
            Assert.Equal(fresh, committed);
            foreach (string name in fresh)
            {
                Assert.True(File.ReadAllText(Path.Combine(temp, name)) == File.ReadAllText(Path.Combine(committedDir, name)),
                    $"src/Ovni.Kernels/Ptx/{name} is stale: run native/build-ptx.sh and commit the result.");
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Fact]
    public void EmbeddedModulesAreNullTerminatedPtx()
    {
        // One embedded module per native/kernels/*.cu, in ordinal order.
        string[] sources = [.. Directory.GetFiles(Path.Combine(TestEnvironment.RepoRoot, "native", "kernels"), "*.cu")
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];
        Assert.Contains("vmaf_vif", sources);
        Assert.Equal(sources, PtxModules.Names);
        foreach (string module in PtxModules.Names)
        {
            byte[] image = PtxModules.Load(module);
            Assert.Equal(0, image[^1]);
            Assert.DoesNotContain((byte)0, image.AsSpan(0, image.Length - 1).ToArray());
            Assert.Contains(".target sm_52", PtxModules.LoadText(module), StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentException>(() => PtxModules.Load("no_such_module"));
    }

    [Fact]
    public void PtxIsSelfContained()
    {
        // Built with -nocudalib: a call into libdevice (__nv_*) or any external function would fail at cuModuleLoadData,
        // and local memory (spilled arrays) would be a silent slowdown.
        foreach (string module in PtxModules.Names)
        {
            string ptx = PtxModules.LoadText(module);
            Assert.DoesNotMatch(@"\bcall(\.uni)?\b|\.extern|__nv_|\.local", ptx);
        }
    }

    [Fact]
    public void EveryCatalogKernelHasAnEntryInItsModule()
    {
        foreach (KernelSignature kernel in KernelCatalog.All)
        {
            Assert.Contains($".visible .entry {kernel.EntryName}(", PtxModules.LoadText(kernel.ModuleName), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PtxEntrySignaturesEqualTheCatalog()
    {
        var parsed = new Dictionary<string, (string Module, string[] Types)>();
        foreach (string module in PtxModules.Names)
        {
            foreach (Match entry in EntryPattern().Matches(PtxModules.LoadText(module)))
            {
                string[] types = [.. ParamPattern().Matches(entry.Groups["params"].Value).Select(m => m.Groups["type"].Value)];
                parsed.Add(entry.Groups["name"].Value, (module, types));
            }
        }

        Assert.Equal(KernelCatalog.All.Select(k => k.EntryName).Order(StringComparer.Ordinal), parsed.Keys.Order(StringComparer.Ordinal));
        foreach (KernelSignature kernel in KernelCatalog.All)
        {
            (string module, string[] types) = parsed[kernel.EntryName];
            Assert.Equal(kernel.ModuleName, module);
            Assert.Equal(kernel.Parameters.Select(p => PtxType(p.Kind)), types);
        }
    }

    [Fact]
    public void HostLibraryExportsExactlyTheCatalogKernels()
    {
        Assert.Equal(KernelCatalog.All.Select(k => k.EntryName), HostKernels.KernelNames());
        Assert.Equal(1, HostKernels.Launch("ovni_no_such_kernel"));
    }

    [Fact]
    public void CatalogLookupFindsKernelsByEntryName()
    {
        Assert.Same(KernelCatalog.Nv12ToRgba, KernelCatalog.Get("ovni_nv12_to_rgba"));
        Assert.Throws<KeyNotFoundException>(() => KernelCatalog.Get("ovni_missing"));
    }

    private static string PtxType(KernelParameterKind kind) => kind switch
    {
        KernelParameterKind.DevicePtr or KernelParameterKind.Int64 => ".u64",
        KernelParameterKind.Int32 or KernelParameterKind.UInt32 => ".u32",
        KernelParameterKind.Float32 => ".f32",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [GeneratedRegex(@"\.entry\s+(?<name>\w+)\s*\((?<params>[^)]*)\)", RegexOptions.Singleline)]
    private static partial Regex EntryPattern();

    [GeneratedRegex(@"\.param\s+(?<type>\.\w+)\s+\w+")]
    private static partial Regex ParamPattern();
}
