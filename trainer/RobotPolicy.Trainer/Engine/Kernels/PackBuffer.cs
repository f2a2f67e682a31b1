using System.Runtime.InteropServices;

namespace RobotPolicy.Trainer.Engine.Kernels;

/// <summary>
/// A grow-only, pinned, 64-byte aligned scratch buffer, one per thread: <see cref="Rent"/> takes the calling thread's
/// buffer (a fresh one if it is already taken, so re-entrant use is safe) and <see cref="Return"/> puts it back.
/// Pinned on the pinned object heap, so the pointer stays valid without a <c>fixed</c> block and the GC never moves it.
/// </summary>
internal sealed unsafe class PackBuffer
{
    private const int AlignmentFloats = 16; // 64 bytes: one cache line, one Vector512

    [ThreadStatic]
    private static PackBuffer? t_cached;

    private float[] _array = [];
    private float* _aligned;
    private nint _capacity;

    public static PackBuffer Rent()
    {
        PackBuffer? buffer = t_cached;
        t_cached = null;
        return buffer ?? new PackBuffer();
    }

    public static void Return(PackBuffer buffer) => t_cached = buffer;

    /// <summary>At least <paramref name="floats"/> aligned floats; contents are undefined.</summary>
    public float* Get(nint floats)
    {
        if (floats > _capacity)
        {
            nint capacity = Math.Max(floats, _capacity + _capacity / 2);
            _array = GC.AllocateUninitializedArray<float>(checked((int)(capacity + AlignmentFloats)), pinned: true);
            float* start = (float*)Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0);
            nint misalignment = (nint)start % (AlignmentFloats * sizeof(float));
            _aligned = misalignment == 0 ? start : (float*)((byte*)start + (AlignmentFloats * sizeof(float) - misalignment));
            _capacity = capacity;
        }
        return _aligned;
    }
}
