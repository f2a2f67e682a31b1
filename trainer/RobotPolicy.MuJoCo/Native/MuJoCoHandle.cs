using System.Runtime.InteropServices;

namespace RobotPolicy.MuJoCo.Native;

/// <summary>An mjModel or mjData, freed once by its own delete function, also when dropped without Dispose.</summary>
internal sealed class MuJoCoHandle : SafeHandle
{
    private readonly Action<nint> _delete;

    public MuJoCoHandle(nint pointer, Action<nint> delete)
        : base(0, ownsHandle: true)
    {
        _delete = delete;
        SetHandle(pointer);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        _delete(handle);
        return true;
    }
}
