using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RobotPolicy.Bridge.Transports.Udp;

/// <summary>
/// A UDP transport string. <c>udp://HOST:PORT</c> talks to a peer at HOST:PORT from a free local port;
/// <c>udp://HOST:PORT?listen</c> binds HOST:PORT (0.0.0.0 or [::] for every interface; port 0 picks a free
/// one) and talks to whoever sends it the first intact message (the robot, whose Hello comes first). HOST is
/// a name, an IPv4 address or an IPv6 address in brackets (<c>udp://[::1]:9870</c>).
/// </summary>
public sealed record UdpAddress(string Host, int Port, bool Listen)
{
    public const string Scheme = "udp";

    private const string Expected = "expected udp://HOST:PORT or udp://HOST:PORT?listen";

    /// <summary>Parses a transport string; a <see cref="TransportException"/> says what is wrong and what is expected.</summary>
    public static UdpAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string prefix = Scheme + "://";
        if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
            throw Bad(text, schemeEnd > 0 ? $"'{text[..schemeEnd]}' is not a UDP transport" : "it is not a transport address");
        }
        string rest = text[prefix.Length..];

        bool listen = false;
        int query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            string option = rest[(query + 1)..];
            if (!option.Equals("listen", StringComparison.Ordinal))
            {
                throw Bad(text, $"unknown option '?{option}'; the only option is ?listen");
            }
            listen = true;
            rest = rest[..query];
        }
        if (rest.Contains('/', StringComparison.Ordinal))
        {
            throw Bad(text, "a UDP address has no path");
        }

        string host;
        string port;
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Bad(text, "'[' opens an IPv6 address that no ']' closes");
            }
            host = rest[1..close];
            if (!IPAddress.TryParse(host, out IPAddress? v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw Bad(text, $"'{host}' in brackets is not an IPv6 address");
            }
            if (close + 1 >= rest.Length || rest[close + 1] != ':')
            {
                throw Bad(text, "no port after the address");
            }
            port = rest[(close + 2)..];
        }
        else
        {
            int colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw Bad(text, "no port");
            }
            if (rest.IndexOf(':', colon + 1) >= 0)
            {
                throw Bad(text, "an IPv6 address goes in brackets, as in udp://[::1]:9870");
            }
            host = rest[..colon];
            port = rest[(colon + 1)..];
        }
        if (host.Length == 0)
        {
            throw Bad(text, "no host (listen on every interface with 0.0.0.0 or [::])");
        }
        return new UdpAddress(host, ParsePort(text, port, listen), listen);
    }

    /// <summary>The host's address: the literal, or the first the resolver gives for a name.</summary>
    public IPAddress Resolve()
    {
        if (IPAddress.TryParse(Host, out IPAddress? literal))
        {
            return literal;
        }
        try
        {
            IPAddress[] addresses = Dns.GetHostAddresses(Host);
            return addresses.Length > 0
                ? addresses[0]
                : throw new TransportException($"{this}: host '{Host}' has no address");
        }
        catch (SocketException e)
        {
            throw new TransportException($"{this}: host '{Host}' does not resolve ({e.Message})", e);
        }
    }

    public override string ToString() =>
        $"{Scheme}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}{(Listen ? "?listen" : "")}";

    private static int ParsePort(string text, string port, bool listen)
    {
        if (port.Length == 0)
        {
            throw Bad(text, "no port after ':'");
        }
        if (!port.All(char.IsAsciiDigit) || port.Length > 5 || int.Parse(port, CultureInfo.InvariantCulture) > IPEndPoint.MaxPort)
        {
            throw Bad(text, $"port '{port}' is not a number from 1 to {IPEndPoint.MaxPort}");
        }
        int value = int.Parse(port, CultureInfo.InvariantCulture);
        if (value == 0 && !listen)
        {
            throw Bad(text, "port 0 picks a free port, which only a listening address can use (add ?listen)");
        }
        return value;
    }

    private static TransportException Bad(string text, string problem) =>
        new($"transport '{text}': {problem}; {Expected}");
}
