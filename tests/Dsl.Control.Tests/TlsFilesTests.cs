using Dsl.Control.Security;

namespace Dsl.Control.Tests;

/// <summary>What <c>--tls-cert</c>, <c>--tls-key</c> and <c>--tls-ca</c> say about a path that is not a PEM file.</summary>
public sealed class TlsFilesTests
{
    [Fact]
    public void A_folder_given_for_a_file_is_called_a_folder_not_missing()
    {
        string folder = Path.GetTempPath();
        string missing = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".pem");

        Assert.Equal($"{folder} is a folder, not a certificate file.", Assert.Throws<InvalidDataException>(() => TlsFiles.LoadServer(folder, missing)).Message);
        Assert.Equal($"{folder} is a folder, not a CA certificate file.", Assert.Throws<InvalidDataException>(() => TlsFiles.LoadRoots(folder)).Message);
        Assert.Equal($"No certificate file {missing}.", Assert.Throws<InvalidDataException>(() => TlsFiles.LoadServer(missing, folder)).Message);
    }
}
