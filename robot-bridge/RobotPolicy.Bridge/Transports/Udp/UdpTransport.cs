using System.Net;
using System.Net.Sockets;
using RobotPolicy.Bridge.Framing;

namespace RobotPolicy.Bridge.Transports.Udp;

/// <summary>
/// One message per UDP datagram, sealed with its CRC-32C (<see cref="DatagramCodec"/>: UDP's own checksum is
/// 16-bit and optional over IPv4), over IPv4 or IPv6. The socket stays unconnected and every datagram is checked
/// against the peer's address: a connected UDP socket would turn an ICMP "port unreachable" (a robot restarting)
/// into an error on the next call. Sending and receiving allocate nothing (the span and SocketAddress overloads).
/// </summary>
public sealed class UdpTransport : IMessageTransport
{
    /// <summary>The largest UDP payload over IPv4 (IPv6 allows 65,527; the smaller holds for both).</summary>
    public const int MaxDatagramLength = 65_507;

    private readonly Socket _socket;
    private readonly object _sendGate = new();
    private readonly byte[] _sendBuffer = new byte[MaxDatagramLength];
    // Larger than any datagram, so the kernel never truncates one into it unnoticed.
    private readonly byte[] _receiveBuffer = new byte[65_536];
    private readonly SocketAddress _sender;
    private volatile SocketAddress? _peer;
    private IPEndPoint? _peerEndPoint;
    private volatile bool _disposed;

    private UdpTransport(Socket socket, UdpAddress address, IPEndPoint? peer)
    {
        _socket = socket;
        _sender = new SocketAddress(socket.AddressFamily);
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        if (peer is not null)
        {
            _peerEndPoint = peer;
            _peer = peer.Serialize();
        }
        // A listening address with port 0 is described by the port it got.
        Description = address.Listen ? (address with { Port = LocalEndPoint.Port }).ToString() : address.ToString();
    }

    /// <summary>Opens <paramref name="address"/> (<see cref="UdpAddress"/>); a <see cref="TransportException"/> says what is wrong.</summary>
    public static UdpTransport Open(string address) => Open(UdpAddress.Parse(address));

    public static UdpTransport Open(UdpAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        IPAddress ip = address.Resolve();
        Socket socket;
        try
        {
            socket = new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        }
        catch (SocketException e)
        {
            throw new TransportException($"{address}: this machine cannot open a {Family(ip)} UDP socket ({e.Message})", e);
        }
        try
        {
            IPEndPoint local = address.Listen
                ? new IPEndPoint(ip, address.Port)
                : new IPEndPoint(ip.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            Bind(socket, local, address);
            return new UdpTransport(socket, address, address.Listen ? null : new IPEndPoint(ip, address.Port));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public string Description { get; }

    public int MaxMessageLength => MaxDatagramLength - DatagramCodec.TrailerLength;

    public TransportStatistics Statistics { get; } = new();

    /// <summary>The address and port this transport receives on.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Where messages go: the given peer, or for a listening transport the first sender (null until then).</summary>
    public IPEndPoint? PeerEndPoint => Volatile.Read(ref _peerEndPoint);

    /// <summary>Sends one datagram to the peer. A listening transport has none until a message arrives, and throws before that.</summary>
    public void Send(ReadOnlySpan<byte> message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (message.Length > MaxMessageLength)
        {
            throw new ArgumentException($"{Description}: a {message.Length}-byte message is longer than the {MaxMessageLength} bytes a datagram carries", nameof(message));
        }
        SocketAddress peer = _peer
            ?? throw new InvalidOperationException($"{Description}: no peer yet; a listening transport answers the first peer that sends it a message");
        lock (_sendGate)
        {
            int length = DatagramCodec.Seal(message, _sendBuffer);
            try
            {
                _socket.SendTo(_sendBuffer.AsSpan(0, length), SocketFlags.None, peer);
            }
            catch (SocketException e)
            {
                throw new TransportException($"{Description}: sending failed ({e.SocketErrorCode}: {e.Message})", e);
            }
        }
        Statistics.RecordSent();
    }

    public bool TryReceive(Span<byte> destination, TimeSpan timeout, out int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var deadline = new ReceiveDeadline(timeout);
        while (WaitReadable(deadline))
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(_receiveBuffer, SocketFlags.None, _sender);
            }
            catch (SocketException e)
            {
                throw new TransportException($"{Description}: receiving failed ({e.SocketErrorCode}: {e.Message})", e);
            }
            SocketAddress? peer = _peer;
            if (peer is not null && !_sender.Equals(peer))
            {
                Statistics.RecordDrop(DropReason.UnknownSender);
                continue;
            }
            switch (DatagramCodec.Open(_receiveBuffer.AsSpan(0, received), out ReadOnlySpan<byte> payload))
            {
                case DatagramStatus.TooShort:
                    Statistics.RecordDrop(DropReason.TooShort);
                    continue;
                case DatagramStatus.BadCrc:
                    Statistics.RecordDrop(DropReason.BadCrc);
                    continue;
            }
            if (payload.Length > destination.Length)
            {
                Statistics.RecordDrop(DropReason.Oversized);
                continue;
            }
            if (peer is null)
            {
                AdoptSenderAsPeer();
            }
            payload.CopyTo(destination);
            length = payload.Length;
            Statistics.RecordReceived();
            return true;
        }
        length = 0;
        return false;
    }

    public void Dispose()
    {
        _disposed = true;
        _socket.Dispose();
    }

    public override string ToString() => Description;

    /// <summary>Waits until a datagram is waiting or the deadline passes (Socket.Poll, which allocates nothing).</summary>
    // Socket.Poll takes microseconds but Linux's poll() takes whole milliseconds, and .NET truncates: a wait of
    // 0.9 ms would return at once. So the wait is rounded up to whole milliseconds and repeated until the deadline
    // has really passed; a receive never reports a timeout early (control loops pace themselves on it).
    private bool WaitReadable(in ReceiveDeadline deadline)
    {
        if (deadline.IsInfinite)
        {
            return _socket.Poll(-1, SelectMode.SelectRead);
        }
        while (true)
        {
            int milliseconds = deadline.RemainingMilliseconds;
            if (_socket.Poll(milliseconds * 1000, SelectMode.SelectRead))
            {
                return true;
            }
            if (milliseconds == 0 || deadline.HasPassed)
            {
                return false;
            }
        }
    }

    /// <summary>A listening transport's first intact message names its peer (once, so the allocations do not matter).</summary>
    private void AdoptSenderAsPeer()
    {
        var peer = new SocketAddress(_sender.Family, _sender.Size);
        _sender.Buffer.Span[.._sender.Size].CopyTo(peer.Buffer.Span);
        Volatile.Write(ref _peerEndPoint, (IPEndPoint)LocalEndPoint.Create(peer));
        _peer = peer;
    }

    private static void Bind(Socket socket, IPEndPoint local, UdpAddress address)
    {
        try
        {
            socket.Bind(local);
        }
        catch (SocketException e)
        {
            string problem = e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => $"port {local.Port} is in use on {local.Address} (another process, or another transport in this one, has it); pick another port or stop that process",
                SocketError.AddressNotAvailable => $"{local.Address} is not an address of this machine; listen on one of its addresses, 0.0.0.0 or [::]",
                SocketError.AccessDenied => $"binding port {local.Port} was refused (ports below 1024 need privileges)",
                _ => $"binding {local} failed ({e.SocketErrorCode}: {e.Message})",
            };
            throw new TransportException($"{address}: {problem}", e);
        }
    }

    private static string Family(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}
