using System.Globalization;

namespace RobotPolicy.Control.Doctor;

/// <summary>
/// Serial devices: each one given (or, by default, every /dev/ttyUSB*, /dev/ttyACM* and /dev/ttyTHS* that exists)
/// must be readable and writable by this process (access(2)), and the user should be in the devices' group
/// (dialout) for good, not only in this login.
/// </summary>
public sealed class SerialPortCheck : IDoctorCheck
{
    /// <summary>USB serial adapters, USB CDC-ACM boards (many microcontrollers), and a Jetson's own UARTs.</summary>
    public static readonly string[] DevicePatterns = ["ttyUSB*", "ttyACM*", "ttyTHS*"];

    public string Name => "serial";

    public IEnumerable<DoctorCheck> Run(DoctorOptions options)
    {
        var groups = GroupDatabase.Read(options.GroupFile);
        var identity = new UserIdentity(Environment.UserName, DoctorNative.EffectiveUserId() == 0, DoctorNative.ActiveGroups());
        var devices = options.SerialDevices ?? Discover(options.DevRoot);
        var results = new List<DoctorCheck>();
        var deviceGroups = new List<string>();
        if (devices.Count == 0)
        {
            results.Add(DoctorCheck.Skip(Name,
                $"no serial devices: none of {string.Join(", ", DevicePatterns.Select(p => Path.Combine(options.DevRoot, p)))} exists (a UDP robot needs none; --serial DEV checks another)"));
        }
        foreach (string device in devices)
        {
            results.Add(CheckDevice(device, groups, identity, deviceGroups));
            if (LatencyTimer(device, options.SysRoot) is { } timer)
            {
                results.Add(timer);
            }
        }
        results.Add(Membership(identity, groups, deviceGroups.Count > 0 ? deviceGroups.Distinct().ToList() : ["dialout"]));
        return results;
    }

    /// <summary>
    /// An FTDI adapter (and others on the usb-serial bus) holds received bytes until its latency timer runs out
    /// when fewer than a USB packet's worth arrive: 16 ms by default, longer than a whole control period. Reported
    /// when the kernel exposes the timer (ttyUSB devices), with the fix.
    /// </summary>
    private DoctorCheck? LatencyTimer(string device, string sysRoot)
    {
        string port = Path.GetFileName(device);
        string file = Path.Combine(sysRoot, "bus", "usb-serial", "devices", port, "latency_timer");
        if (!port.StartsWith("ttyUSB", StringComparison.Ordinal) || !File.Exists(file)
            || !int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int ms))
        {
            return null;
        }
        string name = $"serial-latency:{device}";
        return ms <= 1
            ? DoctorCheck.Ok(name, $"{device}: the adapter's latency timer is {ms} ms")
            : DoctorCheck.Warn(name, $"{device}: the adapter's latency timer is {ms} ms: a short frame can wait that long before it is passed on",
                $"echo 1 | sudo tee {file} (for good: a udev rule `ACTION==\"add\", SUBSYSTEM==\"usb-serial\", DRIVER==\"ftdi_sio\", ATTR{{latency_timer}}=\"1\"` in /etc/udev/rules.d/99-robot.rules)");
    }

    /// <summary>The serial devices present under <paramref name="devRoot"/>, by pattern then name.</summary>
    public static IReadOnlyList<string> Discover(string devRoot) => !Directory.Exists(devRoot)
        ? []
        : DevicePatterns.SelectMany(p => Directory.GetFileSystemEntries(devRoot, p).Order(StringComparer.Ordinal)).ToList();

    private DoctorCheck CheckDevice(string device, GroupDatabase groups, UserIdentity identity, List<string> deviceGroups)
    {
        string name = $"{Name}:{device}";
        var owner = DoctorNative.Owner(device);
        if (owner is null)
        {
            return DoctorCheck.Fail(name, $"{device} does not exist",
                "plug the adapter in and see what the kernel named it (`ls /dev/serial/by-id/`, `sudo dmesg | tail`)");
        }
        var (_, gid, mode) = owner.Value;
        string group = groups.NameOf(gid);
        if (gid != 0)
        {
            deviceGroups.Add(group);
        }
        string described = $"group {group}, mode {Convert.ToString(mode & 0x1ff, 8).PadLeft(3, '0')}";
        if (DoctorNative.CanReadWrite(device, out string? error))
        {
            return DoctorCheck.Ok(name, $"{device}: readable and writable by {identity.User} ({described})");
        }
        return DoctorCheck.Fail(name, $"{device}: not readable and writable by {identity.User}: {error} ({described})", gid == 0
            ? $"give the device a group with a udev rule, e.g. `SUBSYSTEM==\"tty\", KERNEL==\"{Path.GetFileName(device)}\", GROUP=\"dialout\", MODE=\"0660\"` in /etc/udev/rules.d/99-robot.rules, then `sudo udevadm trigger` and `sudo usermod -aG dialout {identity.User}`"
            : $"sudo usermod -aG {group} {identity.User}, then log out and in (a service: SupplementaryGroups={group})");
    }

    /// <summary>Whether the user is in the serial devices' groups, in this login and in the group database.</summary>
    internal static DoctorCheck Membership(UserIdentity identity, GroupDatabase groups, IReadOnlyList<string> deviceGroups)
    {
        const string name = "serial-group";
        if (identity.Root)
        {
            return DoctorCheck.Ok(name, $"running as root, which opens every device (a service should run as its own user in {string.Join(", ", deviceGroups)})");
        }
        var missing = new List<string>();
        var notActive = new List<string>();
        var absent = new List<string>();
        foreach (string group in deviceGroups)
        {
            uint? id = groups.IdOf(group) ?? (uint.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out uint n) ? n : null);
            if (id is null)
            {
                absent.Add(group);
            }
            else if (!identity.Groups.Contains(id.Value))
            {
                (groups.Lists(group, identity.User) ? notActive : missing).Add(group);
            }
        }
        if (missing.Count > 0)
        {
            return DoctorCheck.Warn(name, $"{identity.User} is not in {string.Join(", ", missing)}, the group serial devices belong to",
                string.Join("; ", missing.Select(g => $"sudo usermod -aG {g} {identity.User}")) + ", then log out and in");
        }
        if (notActive.Count > 0)
        {
            return DoctorCheck.Warn(name, $"{identity.User} is listed in {string.Join(", ", notActive)} but this login does not have it yet",
                "log out and in again (or start a shell with `newgrp " + notActive[0] + "`)");
        }
        if (absent.Count == deviceGroups.Count)
        {
            return DoctorCheck.Skip(name, $"no {string.Join(", ", absent)} group on this machine");
        }
        return DoctorCheck.Ok(name, $"{identity.User} is in {string.Join(", ", deviceGroups.Except(absent))}");
    }
}

/// <summary>Who is asking: user name, whether root, and the group ids this process has now.</summary>
internal sealed record UserIdentity(string User, bool Root, IReadOnlyList<uint> Groups);
