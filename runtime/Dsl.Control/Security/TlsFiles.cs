using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dsl.Control.Security;

/// <summary>
/// TLS from PEM files, the form certificate tools and authorities hand out: the daemon's
/// certificate (any intermediates following it in the same file) with its private key, and the
/// certificates a client trusts as roots besides the system's (a private CA, or a self-signed
/// daemon certificate itself).
/// </summary>
public static class TlsFiles
{
    /// <summary>The server certificate with its key, and the intermediates to send with it.</summary>
    /// <exception cref="InvalidDataException">A file is missing, is not PEM, or the key does not belong to the certificate.</exception>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Intermediates) LoadServer(string certificatePath, string keyPath)
    {
        RequireFile(certificatePath, "certificate");
        RequireFile(keyPath, "private key");
        try
        {
            X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(certificatePath);
            return (certificate, new X509Certificate2Collection(all.Skip(1).ToArray()));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new InvalidDataException($"{certificatePath} and {keyPath} are not a PEM certificate and its private key: {e.Message}", e);
        }
    }

    /// <summary>The certificates of a PEM file, to trust as roots.</summary>
    /// <exception cref="InvalidDataException">The file is missing or holds no certificate.</exception>
    public static X509Certificate2Collection LoadRoots(string path)
    {
        RequireFile(path, "CA certificate");
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"{path} is not a PEM certificate file: {e.Message}", e);
        }

        return roots.Count > 0 ? roots : throw new InvalidDataException($"{path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }

    /// <summary>
    /// Accepts what the system trusts, and otherwise a certificate for the right host whose chain
    /// ends at one of <paramref name="roots"/>.
    /// </summary>
    public static RemoteCertificateValidationCallback TrustingAlso(X509Certificate2Collection roots) => (_, certificate, chain, errors) =>
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // A wrong host name or no certificate is never rescued by another root.
        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        // A certificate of the same CA made for something else (a client) is no server's; and
        // nothing an untrusted certificate names is fetched.
        custom.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        custom.ChainPolicy.DisableCertificateDownloads = true;
        if (chain is not null)
        {
            foreach (X509ChainElement element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using X509Certificate2 leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    };

    private static void RequireFile(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"{path} is a folder, not a {what} file.");
        }

        if (!File.Exists(path))
        {
            throw new InvalidDataException($"No {what} file {path}.");
        }
    }
}
