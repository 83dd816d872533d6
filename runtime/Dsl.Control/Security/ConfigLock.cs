namespace Dsl.Control.Security;

/// <summary>
/// An exclusive lock between processes (the daemon and <c>dsl token …</c> commands) around
/// read-modify-write of <c>config.json</c>: an open lock file that nobody else may open.
/// </summary>
internal sealed class ConfigLock : IDisposable
{
    private readonly FileStream _stream;

    private ConfigLock(FileStream stream)
    {
        _stream = stream;
    }

    public static ConfigLock Acquire(string path, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                var options = new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                return new ConfigLock(new FileStream(path, options));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(25);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
