// Why: operations that return a new frame (scale, colour conversion, pad) must not allocate per frame. Host
// frames come from one FramePool per format and size, kept for the few sizes a pipeline uses.
namespace Ovni;

/// <summary>Process-wide pools of host frames for operation outputs.</summary>
internal static class HostFramePools
{
    private const int MaxPools = 24;
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<(PixelFormat Format, int Width, int Height), FramePool> s_pools = new();
    private static readonly LinkedList<(PixelFormat Format, int Width, int Height)> s_recent = new();

    /// <summary>A host frame with uninitialised pixels.</summary>
    public static GpuFrame Rent(PixelFormat format, int width, int height)
    {
        var key = (format, width, height);
        lock (s_gate)
        {
            if (!s_pools.TryGetValue(key, out FramePool? pool))
            {
                pool = new FramePool(format, width, height);
                s_pools[key] = pool;
                s_recent.AddFirst(key);
                if (s_recent.Count > MaxPools)
                {
                    var oldest = s_recent.Last!.Value;
                    s_recent.RemoveLast();
                    if (s_pools.Remove(oldest, out FramePool? evicted)) evicted.Dispose(); // frames out keep their memory
                }
            }
            else if (s_recent.First!.Value != key)
            {
                // Move the existing node: AddFirst(value) would allocate a new node per frame when sizes alternate.
                LinkedListNode<(PixelFormat, int, int)> node = s_recent.Find(key)!;
                s_recent.Remove(node);
                s_recent.AddFirst(node);
            }
            return pool.Rent();
        }
    }
}
