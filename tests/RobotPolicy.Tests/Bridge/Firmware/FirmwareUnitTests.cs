namespace RobotPolicy.Tests.Bridge.Firmware;

/// <summary>The C99 firmware's own host unit tests (make test), run as part of this suite.</summary>
public class FirmwareUnitTests
{
    [FirmwareFact]
    public void The_firmware_unit_tests_pass_with_the_portability_checks()
    {
        using var build = new FirmwareBuild();
        var result = build.Make("test");
        Assert.Contains("firmware: all tests passed", result.Out, StringComparison.Ordinal);
        // The library's promises, checked by the Makefile: four standard headers, no calls beyond string.h.
        Assert.Contains("check-headers: only stdint.h, stddef.h, string.h, stdbool.h", result.Out, StringComparison.Ordinal);
        Assert.Contains("check-symbols: the library calls nothing outside itself", result.Out, StringComparison.Ordinal);
        foreach (string suite in new[] { "crc32c", "cobs", "msgpack", "messages", "link" })
        {
            Assert.Matches($@"(?m)^{suite}: \d+ checks, 0 failed$", result.Out);
        }
    }
}
