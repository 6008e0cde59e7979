// Why: the CPU twins write through raw pointers; a wrong pitch or size must fail loudly before any write.
namespace Ovni.Kernels;

internal static unsafe class PlaneArguments
{
    public static void Size(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
    }

    public static void Plane(void* pointer, int pitch, long rowBytes, string name)
    {
        if (pointer == null)
        {
            throw new ArgumentNullException(name, $"Plane '{name}' is a null pointer.");
        }

        if (pitch < rowBytes)
        {
            throw new ArgumentOutOfRangeException(name, pitch, $"Pitch of plane '{name}' ({pitch} bytes) is smaller than one row ({rowBytes} bytes).");
        }
    }
}
