// Finds ../shared (media, VMAF reference data) next to the repository; tests skip when it is absent.
namespace Ovni.Quality.Tests;

internal static class SharedData
{
    public static string? RepositoryRoot { get; } = FindRoot();

    public static string? VmafDirectory
    {
        get
        {
            if (RepositoryRoot is null) return null;
            string dir = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "vmaf"));
            return Directory.Exists(Path.Combine(dir, "dataset")) ? dir : null;
        }
    }

    /// <summary>The VMAF data folder, or skips the current test with the reason.</summary>
    public static string RequireVmaf()
    {
        string? dir = VmafDirectory;
        if (dir is null)
            Assert.Skip("../shared/vmaf (VMAF reference dataset) is not present next to the repository.");
        return dir;
    }

    public static string ModelPath(string name) => Path.Combine(RequireVmaf(), "models", name);

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ovni.sln")))
                return dir.FullName;
        return null;
    }
}
