namespace Ovni;

/// <summary>
/// The process-wide pool of <see cref="GpuFrame"/> shells (the managed object and its AVFrame struct).
/// A fixed array under a lock: unlike ConcurrentStack, returning a shell allocates nothing, so a long
/// pipeline stays allocation-free per frame. Contention is negligible (one push and one pop per frame).
/// </summary>
internal sealed class FrameShellPool(int capacity)
{
    private readonly GpuFrame?[] _shells = new GpuFrame?[capacity];
    private readonly Lock _gate = new();
    private int _count;

    internal bool TryRent(out GpuFrame? shell)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                shell = null;
                return false;
            }
            shell = _shells[--_count];
            _shells[_count] = null;
            return true;
        }
    }

    /// <summary>Keeps the shell unless the pool is full; false tells the caller to free it.</summary>
    internal bool TryReturn(GpuFrame shell)
    {
        lock (_gate)
        {
            if (_count == _shells.Length) return false;
            _shells[_count++] = shell;
            return true;
        }
    }
}
