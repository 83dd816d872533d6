using System.Diagnostics;

namespace Dsl.TestUtilities;

/// <summary>
/// Runs a command whom file permissions stop, as they stop a user: the tests run as root on CI,
/// and root reads and writes any file. As root, the command runs under util-linux <c>setpriv</c>
/// without the two capabilities that override permissions (<c>CAP_DAC_OVERRIDE</c>,
/// <c>CAP_DAC_READ_SEARCH</c>), so a file of mode 0 cannot be read and one of mode 0444 cannot be
/// written; it is still root, so it owns and can reach everything the test created.
/// </summary>
public static class FilePermissions
{
    private const string Capabilities = "-dac_override,-dac_read_search";

    /// <summary>Changes <paramref name="start"/> so that its command is stopped by file permissions; as another user, it already is.</summary>
    public static void Enforce(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!Environment.IsPrivilegedProcess)
            return;

        string[] command = [start.FileName, .. start.ArgumentList];
        start.FileName = "setpriv";
        start.ArgumentList.Clear();
        // The bounding set is what root gets back on exec; the inheritable set is cleared as well, for good measure.
        foreach (var word in (string[])["--bounding-set=" + Capabilities, "--inh-caps=" + Capabilities, "--", .. command])
            start.ArgumentList.Add(word);
    }
}
