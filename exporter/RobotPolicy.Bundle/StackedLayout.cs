namespace RobotPolicy.Bundle;

/// <summary>
/// Where each value of the stacked graph input comes from, per <see cref="ObservationSpec.HistoryLayout"/>:
/// which frame value, and how many frames ago (0 = the newest frame). This is the one definition of the layout;
/// the exporter and the runtime both use it.
/// </summary>
public static class StackedLayout
{
    public readonly record struct Slot(int FramesAgo, int FrameIndex);

    public static Slot[] Slots(ObservationSpec obs)
    {
        var slots = new Slot[obs.InputDim];
        var termOffsets = new int[obs.Terms.Count];
        for (int t = 1; t < obs.Terms.Count; t++)
        {
            termOffsets[t] = termOffsets[t - 1] + obs.Terms[t - 1].Dim;
        }
        int k = 0;
        if (obs.HistoryLayout == HistoryLayouts.FrameMajor)
        {
            int history = obs.MaxHistory;
            for (int h = 0; h < history; h++)
            {
                for (int t = 0; t < obs.Terms.Count; t++)
                {
                    for (int i = 0; i < obs.Terms[t].Dim; i++)
                    {
                        slots[k++] = new Slot(history - 1 - h, termOffsets[t] + i);
                    }
                }
            }
        }
        else
        {
            for (int t = 0; t < obs.Terms.Count; t++)
            {
                int history = obs.Terms[t].History;
                for (int h = 0; h < history; h++)
                {
                    for (int i = 0; i < obs.Terms[t].Dim; i++)
                    {
                        slots[k++] = new Slot(history - 1 - h, termOffsets[t] + i);
                    }
                }
            }
        }
        return slots;
    }

    /// <summary>Repeats per-frame values (e.g. normalizer statistics) into every history slot of the stacked input.</summary>
    public static float[] ExpandPerFrame(ReadOnlySpan<float> perFrame, ObservationSpec obs)
    {
        var slots = Slots(obs);
        var expanded = new float[slots.Length];
        for (int i = 0; i < slots.Length; i++)
        {
            expanded[i] = perFrame[slots[i].FrameIndex];
        }
        return expanded;
    }
}
