namespace RobotPolicy.Control.Doctor;

/// <summary>What the doctor looks at. The file-system roots are there so tests can hand it a fake sysfs.</summary>
public sealed record DoctorOptions
{
    /// <summary>Where sysfs is (CPU governors, clock source, isolated CPUs).</summary>
    public string SysRoot { get; init; } = "/sys";

    /// <summary>Where procfs is (this process's capabilities, the real-time budget).</summary>
    public string ProcRoot { get; init; } = "/proc";

    /// <summary>Where serial devices are looked for when <see cref="SerialDevices"/> is null.</summary>
    public string DevRoot { get; init; } = "/dev";

    /// <summary>The group database, for serial-group membership.</summary>
    public string GroupFile { get; init; } = "/etc/group";

    /// <summary>Serial devices to check; null: every /dev/ttyUSB*, /dev/ttyACM* and /dev/ttyTHS* (Jetson) that exists.</summary>
    public IReadOnlyList<string>? SerialDevices { get; init; }

    /// <summary>The execution provider the robot will run with: it failing to start is a failure, the others' only a warning.</summary>
    public string RequiredProvider { get; init; } = "cpu";

    /// <summary>Where libonnxruntime.so is expected; null: where this build puts it (<see cref="RobotPolicy.Runtime.Session.OnnxRuntimeBuild.NativeDirectory"/>).</summary>
    public string? LibraryDirectory { get; init; }

    /// <summary>The SCHED_FIFO priority to try (`run --priority`, 80 by default).</summary>
    public int RealtimePriority { get; init; } = 80;
}
