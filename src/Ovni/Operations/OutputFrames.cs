// Why: an operation that returns a new frame rents it from the pools, runs its work into it on the input's device,
// and on any failure gives it back before the exception leaves, so a failed operation leaks no pooled frame.
namespace Ovni.Operations;

/// <summary>Work that writes a newly rented output frame.</summary>
internal static class OutputFrames
{
    /// <summary>Runs <paramref name="work"/> (which writes <paramref name="target"/>) on <paramref name="source"/>'s device; returns the target, or disposes it and rethrows.</summary>
    public static GpuFrame Produce<TWork>(GpuFrame source, GpuFrame target, TWork work) where TWork : struct, IDeviceWork
    {
        try
        {
            source.Device.Run(ref work);
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }
}
