using System.Runtime.InteropServices;

namespace Dsl.Cli.Commands;

/// <summary>
/// Whether standard output can be written at all, asked once at start. With descriptor 1 closed
/// (<c>dsl check jobs/ &gt;&amp;-</c>) the runtime reuses it for a pipe of its own, opened for
/// reading, and a write fails with "Access to the path is denied", which names no path; the
/// command says instead what is wrong with its output.
/// </summary>
internal static class StandardOutputState
{
    private const int StandardOutput = 1;
    private const int GetDescriptorFlags = 1; // F_GETFD
    private const int GetStatusFlags = 3; // F_GETFL
    private const int CloseOnExec = 1; // FD_CLOEXEC
    private const int AccessMode = 3; // O_ACCMODE
    private const int ReadOnly = 0; // O_RDONLY

    /// <summary>Why standard output cannot be written, in a phrase; null when it can (or the system cannot tell).</summary>
    public static string? Problem()
    {
        if (OperatingSystem.IsWindows())
            return null;
        try
        {
            var descriptorFlags = Fcntl(StandardOutput, GetDescriptorFlags, 0);
            // A descriptor inherited as standard output has no close-on-exec flag, or the exec that
            // started this process would have closed it: one that has it was opened here, after.
            if (descriptorFlags == -1 || (descriptorFlags & CloseOnExec) != 0)
                return "standard output is closed";
            return (Fcntl(StandardOutput, GetStatusFlags, 0) & AccessMode) == ReadOnly ? "standard output is open only for reading" : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    // DllImport rather than LibraryImport, whose generated code needs unsafe blocks.
    [DllImport("libc", EntryPoint = "fcntl")]
    private static extern int Fcntl(int descriptor, int command, int argument);
}
