using System.Runtime.InteropServices;

namespace RobotPolicy.MuJoCo.Native;

/// <summary>
/// The MuJoCo functions the binding calls (mujoco.h, 2.2.2). The library is looked up under its Debian names
/// (libmujoco.so.2.2.2 from libmujoco2.2.2, libmujoco.so from libmujoco-dev), so only the runtime package is needed,
/// or at the path in ROBOTPOLICY_MUJOCO_LIBRARY (a MuJoCo 2.2.2 built or unpacked elsewhere).
/// </summary>
internal static unsafe partial class MuJoCoApi
{
    private const string Library = "mujoco";

    /// <summary>Object types for mj_name2id (mjtObj).</summary>
    public const int ObjectBody = 1, ObjectJoint = 3, ObjectSite = 6, ObjectActuator = 19, ObjectSensor = 20;

    static MuJoCoApi() => NativeLibrary.SetDllImportResolver(typeof(MuJoCoApi).Assembly, Resolve);

    private static nint Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return 0;
        }
        if (MuJoCoLibrary.PathOverride is { } own)
        {
            // Not 0, which would let the runtime's own search find Debian's library instead of the one asked for.
            return NativeLibrary.TryLoad(own, out nint chosen) ? chosen : throw new DllNotFoundException($"{own} could not be loaded");
        }
        foreach (string file in (string[])["libmujoco.so.2.2.2", "libmujoco.so"])
        {
            if (NativeLibrary.TryLoad(file, out nint handle))
            {
                return handle;
            }
        }
        return 0;
    }

    [LibraryImport(Library)]
    public static partial int mj_version();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint mj_loadXML(string filename, nint vfs, byte* error, int errorSize);

    [LibraryImport(Library)]
    public static partial nint mj_copyModel(nint destination, nint source);

    [LibraryImport(Library)]
    public static partial void mj_deleteModel(nint model);

    [LibraryImport(Library)]
    public static partial nint mj_makeData(nint model);

    [LibraryImport(Library)]
    public static partial void mj_deleteData(nint data);

    [LibraryImport(Library)]
    public static partial void mj_resetData(nint model, nint data);

    [LibraryImport(Library)]
    public static partial void mj_step(nint model, nint data);

    [LibraryImport(Library)]
    public static partial void mj_forward(nint model, nint data);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mj_name2id(nint model, int type, string name);
}
