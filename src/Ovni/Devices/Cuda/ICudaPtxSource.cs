// Where PTX text comes from: Ovni.Kernels embeds its modules as resources; tests pass small hand-written ones.
namespace Ovni.Devices.Cuda;

/// <summary>Supplies the PTX text of a module by name.</summary>
internal interface ICudaPtxSource
{
    /// <summary>The PTX text (UTF-8) of <paramref name="moduleName"/>.</summary>
    /// <exception cref="OvniException">No module of that name.</exception>
    ReadOnlyMemory<byte> GetPtx(string moduleName);
}
