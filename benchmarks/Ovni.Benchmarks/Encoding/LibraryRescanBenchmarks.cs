using BenchmarkDotNet.Attributes;
using Ovni.Encoding.Library;

namespace Ovni.Benchmarks.Encoding;

/// <summary>
/// A rescan of a 10,000-file library whose queue already knows every file (nothing changed): the walk, one query of
/// the index, and the comparison by size and modification time. Nothing is probed and nothing is written.
/// </summary>
[MemoryDiagnoser]
public class LibraryRescanBenchmarks
{
    private string _folder = "";
    private AutoEncodeOptions _options = null!;
    private EncodeQueue _queue = null!;

    [Params(10_000)]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ovni-bench", $"rescan-{Files}");
        string root = Path.Combine(_folder, "library");
        if (!Directory.Exists(root))
            for (int i = 0; i < Files; i++)
            {
                string folder = Path.Combine(root, $"show{i / 1000:00}", $"season{i / 100 % 10}");
                if (i % 100 == 0) Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, $"episode{i:00000}.mkv"), [1]);
            }
        string db = Path.Combine(_folder, "queue.db");
        File.Delete(db);
        _options = new AutoEncodeOptions { Roots = [root], DatabasePath = db };
        _queue = EncodeQueue.Open(db, create: true);
        ScanResult first = _queue.Rescan(_options);
        if (first.Added != Files) throw new InvalidOperationException($"setup queued {first.Added} files, not {Files}");
    }

    [Benchmark]
    public int RescanUnchanged()
    {
        ScanResult result = _queue.Rescan(_options);
        if (result.Unchanged != Files) throw new InvalidOperationException("a rescan of an unchanged library changed something");
        return result.Unchanged;
    }

    [GlobalCleanup]
    public void Cleanup() => _queue.Dispose();
}
