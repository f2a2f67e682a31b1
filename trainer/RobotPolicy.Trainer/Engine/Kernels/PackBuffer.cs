using System.Runtime.InteropServices;

namespace RobotPolicy.Trainer.Engine.Kernels;

/// <summary>
/// A grow-only, pinned, 64-byte aligned scratch buffer. A worker <see cref="Rent"/>s one for the duration of its
/// task and <see cref="Return"/>s it; the buffers live in a small process-wide pool rather than in thread-static
/// fields, so thread-pool threads coming and going do not cost fresh buffers. Pinned on the pinned object heap, so the
/// pointer stays valid without a <c>fixed</c> block and the GC never moves it.
/// </summary>
internal sealed unsafe class PackBuffer
{
    private const int AlignmentFloats = 16; // 64 bytes: one cache line, one Vector512

    private static readonly PackBuffer[] s_pool = new PackBuffer[Math.Max(16, 2 * Environment.ProcessorCount)];
    private static int s_pooled;

    private float[] _array = [];
    private float* _aligned;
    private nint _capacity;

    public static PackBuffer Rent()
    {
        lock (s_pool)
        {
            if (s_pooled > 0)
            {
                PackBuffer buffer = s_pool[--s_pooled];
                s_pool[s_pooled] = null!;
                return buffer;
            }
        }
        return new PackBuffer();
    }

    public static void Return(PackBuffer buffer)
    {
        lock (s_pool)
        {
            if (s_pooled < s_pool.Length)
                s_pool[s_pooled++] = buffer;
        }
    }

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
