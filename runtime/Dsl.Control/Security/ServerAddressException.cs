namespace Dsl.Control.Security;

/// <summary>
/// A daemon address (<c>--server</c>, or <c>DSL_SERVER</c> standing for it) that is not an http://
/// or https:// address: what the command line names wrong, so commands report it as a usage error.
/// </summary>
public sealed class ServerAddressException(string message, Exception? inner = null) : FormatException(message, inner);
