using System.Runtime.InteropServices;

namespace Ovni.Interop.Posix;

/// <summary>
/// The few C library calls that .NET does not expose and the writer's promises need: file identity
/// (statx), anonymous temporary files (open with O_TMPFILE, linkat), advisory locks (flock).
/// Bound to "libc", which <see cref="NativeLibraryResolver"/> maps to the process's own C library.
/// </summary>
internal static unsafe partial class LibC
{
    internal const string Name = "libc";

    internal const int AtFdCwd = -100;
    internal const int AtSymlinkFollow = 0x400;
    internal const int AtEmptyPath = 0x1000;
    internal const int ORdOnly = 0, ORdWr = 2;
    internal const int OCloExec = 0x80000;
    internal const int LockExclusive = 2, LockNonBlocking = 4, LockUnlock = 8;

    // errno values shared by Linux on every architecture .NET runs on.
    internal const int ENoEnt = 2, EExist = 17, EXDev = 18, EInval = 22, ENameTooLong = 36, EOpNotSupp = 95, EIsDir = 21;

    static LibC() => NativeLibraryResolver.EnsureRegistered();

    /// <summary>O_TMPFILE (with O_DIRECTORY, as the kernel requires): its value differs between x86 and ARM.</summary>
    internal static int OTmpFile => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm
        ? 0x404000
        : 0x410000;

    [LibraryImport(Name, EntryPoint = "open", SetLastError = true)]
    internal static partial int Open(byte* path, int flags, int mode);

    [LibraryImport(Name, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Name, EntryPoint = "linkat", SetLastError = true)]
    internal static partial int LinkAt(int oldDirFd, byte* oldPath, int newDirFd, byte* newPath, int flags);

    [LibraryImport(Name, EntryPoint = "pipe2", SetLastError = true)]
    internal static partial int Pipe2(int* fds, int flags);

    [LibraryImport(Name, EntryPoint = "posix_openpt", SetLastError = true)]
    internal static partial int PosixOpenPt(int flags);

    [LibraryImport(Name, EntryPoint = "grantpt", SetLastError = true)]
    internal static partial int GrantPt(int fd);

    [LibraryImport(Name, EntryPoint = "unlockpt", SetLastError = true)]
    internal static partial int UnlockPt(int fd);

    [LibraryImport(Name, EntryPoint = "ptsname_r", SetLastError = true)]
    internal static partial int PtsNameR(int fd, byte* buffer, nuint length);

    [LibraryImport(Name, EntryPoint = "getsid", SetLastError = true)]
    internal static partial int GetSid(int pid);

    internal const int ONoCtty = 0x100;

    [LibraryImport(Name, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nuint count);

    /// <summary>The C library's environment: what native code reads with getenv (.NET keeps its own copy on Unix).</summary>
    [LibraryImport(Name, EntryPoint = "setenv", SetLastError = true)]
    internal static partial int SetEnv(byte* name, byte* value, int overwrite);

    /// <summary>Ends the process at once: no atexit handlers, which would run encoder libraries' teardown under their busy threads.</summary>
    [LibraryImport(Name, EntryPoint = "_exit")]
    internal static partial void Exit(int status);

    [LibraryImport(Name, EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(int fd);

    [LibraryImport(Name, EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);

    /// <summary>Linux statx: one fixed struct layout on every architecture (unlike struct stat).</summary>
    [LibraryImport(Name, EntryPoint = "statx", SetLastError = true)]
    internal static partial int Statx(int dirFd, byte* path, int flags, uint mask, byte* buffer);

    internal const int StatxBufferSize = 256;
    internal const int StatxInoOffset = 32, StatxDevMajorOffset = 136, StatxDevMinorOffset = 140;
    internal const uint StatxIno = 0x100;
}
