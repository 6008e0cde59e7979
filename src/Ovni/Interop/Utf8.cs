using System.Runtime.InteropServices;
using System.Text;

namespace Ovni.Interop;

/// <summary>UTF-8 conversions for native strings (the assembly disables runtime marshalling).</summary>
internal static unsafe class Utf8
{
    internal static string? ToString(byte* value) =>
        value == null ? null : Marshal.PtrToStringUTF8((nint)value);

    /// <summary>A null-terminated UTF-8 copy of <paramref name="value"/>.</summary>
    internal static byte[] ToNullTerminated(string value)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        byte[] bytes = new byte[count + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }
}
