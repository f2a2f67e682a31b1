using RobotPolicy.Bridge.Transports;
using RobotPolicy.Bridge.Transports.Udp;

namespace RobotPolicy.Tests.Bridge;

public class UdpAddressTests
{
    [Theory]
    [InlineData("udp://192.168.1.20:9870", "192.168.1.20", 9870, false)]
    [InlineData("UDP://robot.local:1", "robot.local", 1, false)]
    [InlineData("udp://[::1]:65535", "::1", 65535, false)]
    [InlineData("udp://[fe80::1%2]:9870", "fe80::1%2", 9870, false)]
    [InlineData("udp://0.0.0.0:9870?listen", "0.0.0.0", 9870, true)]
    [InlineData("udp://[::]:0?listen", "::", 0, true)]
    public void Good_addresses_parse_and_print_back(string text, string host, int port, bool listen)
    {
        UdpAddress address = UdpAddress.Parse(text);
        Assert.Equal(new UdpAddress(host, port, listen), address);
        Assert.Equal(text.Replace("UDP://", "udp://", StringComparison.Ordinal), address.ToString());
    }

    [Theory]
    [InlineData("", "it is not a transport address")]
    [InlineData("192.168.1.20:9870", "it is not a transport address")]
    [InlineData("tcp://host:1", "'tcp' is not a UDP transport")]
    [InlineData("udp://host", "no port")]
    [InlineData("udp://host:", "no port after ':'")]
    [InlineData("udp://:9870", "no host (listen on every interface with 0.0.0.0 or [::])")]
    [InlineData("udp://host:70000", "port '70000' is not a number from 1 to 65535")]
    [InlineData("udp://host:-1", "port '-1' is not a number from 1 to 65535")]
    [InlineData("udp://host:98x", "port '98x' is not a number from 1 to 65535")]
    [InlineData("udp://host:0", "port 0 picks a free port, which only a listening address can use (add ?listen)")]
    [InlineData("udp://::1:9870", "an IPv6 address goes in brackets, as in udp://[::1]:9870")]
    [InlineData("udp://[::1:9870", "'[' opens an IPv6 address that no ']' closes")]
    [InlineData("udp://[::1]", "no port after the address")]
    [InlineData("udp://[10.0.0.1]:9870", "'10.0.0.1' in brackets is not an IPv6 address")]
    [InlineData("udp://host:9870?bind=1", "unknown option '?bind=1'; the only option is ?listen")]
    [InlineData("udp://host:9870/robot", "a UDP address has no path")]
    public void Bad_addresses_say_what_is_wrong_and_what_is_expected(string text, string problem)
    {
        var error = Assert.Throws<TransportException>(() => UdpAddress.Parse(text));
        Assert.Equal($"transport '{text}': {problem}; expected udp://HOST:PORT or udp://HOST:PORT?listen", error.Message);
    }

    [Fact]
    public void A_host_that_does_not_resolve_is_named()
    {
        // .invalid never resolves (RFC 2606), with or without a network.
        var error = Assert.Throws<TransportException>(() => UdpTransport.Open("udp://no-such-robot.invalid:9870"));
        Assert.StartsWith("udp://no-such-robot.invalid:9870: host 'no-such-robot.invalid' does not resolve", error.Message, StringComparison.Ordinal);
    }
}
