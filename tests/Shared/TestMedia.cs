namespace Ovni.Testing;

/// <summary>
/// Finds the repository and the shared footage beside it. Tests that need footage call
/// <see cref="Require"/>, which skips them (with the reason) for a stranger's clone without ../shared.
/// </summary>
internal static class TestMedia
{
    internal static string RepositoryRoot { get; } = FindRoot();

    internal static string SharedDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    internal static string MediaDirectory => Path.Combine(SharedDirectory, "media");

    /// <summary>Path of a clip in ../shared/media, or a skip when the folder isn't there.</summary>
    internal static string Require(string fileName)
    {
        string path = Path.Combine(MediaDirectory, fileName);
        if (!File.Exists(path))
            Assert.Skip($"Needs the shared footage '{fileName}' in {MediaDirectory} (present in the Ovni workplace, not in a plain clone).");
        return path;
    }

    /// <summary>Path of a file under ../shared (e.g. vmaf/models/vmaf_v0.6.1.json), or a skip when it isn't there.</summary>
    internal static string RequireShared(string relativePath)
    {
        string path = Path.Combine(SharedDirectory, relativePath);
        if (!File.Exists(path))
            Assert.Skip($"Needs '{relativePath}' in {SharedDirectory} (present in the Ovni workplace, not in a plain clone).");
        return path;
    }

    /// <summary>The folder of libvmaf's models under ../shared (what `--models` takes), or a skip when it isn't there.</summary>
    internal static string VmafModelsFolder => Path.GetDirectoryName(RequireShared(Path.Combine("vmaf", "models", "vmaf_v0.6.1.json")))!;

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "Ovni.sln"))) return dir;
        throw new InvalidOperationException("Ovni.sln not found above " + AppContext.BaseDirectory);
    }
}
