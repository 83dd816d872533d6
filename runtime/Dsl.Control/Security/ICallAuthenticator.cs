namespace Dsl.Control.Security;

/// <summary>Turns the secret of a bearer token into the caller it identifies.</summary>
public interface ICallAuthenticator
{
    /// <summary>The caller the token belongs to, or null for an unknown or revoked token.</summary>
    /// <remarks>
    /// Called for every call, and every second again for each call in progress (so that a revoked
    /// token ends it): must be fast, thread-safe and compare secrets in constant time.
    /// </remarks>
    Caller? Authenticate(string token);

    /// <summary>
    /// Why no token is accepted at all just now (a configuration being mended), for the refusal to
    /// say instead of "not known"; null while tokens are judged one by one.
    /// </summary>
    string? RefusesAll => null;
}
