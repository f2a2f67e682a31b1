namespace RobotPolicy.Trainer.Engine;

public sealed partial class Tensor
{
    /// <summary>Elementwise Huber of this (a difference): 0.5·d² for |d| ≤ δ, δ·(|d| − 0.5δ) beyond.</summary>
    internal Tensor huber(float delta)
    {
        var output = new float[Data.Length];
        for (int i = 0; i < output.Length; i++)
        {
            float d = Data[i], ad = MathF.Abs(d);
            output[i] = ad <= delta ? 0.5f * d * d : delta * (ad - 0.5f * delta);
        }
        return Result(output, Shape, "huber", [this], _ => g =>
        {
            var t = GradTarget();
            for (int i = 0; i < t.Length; i++)
            {
                float d = Data[i];
                t[i] += g[i] * (MathF.Abs(d) <= delta ? d : delta * MathF.Sign(d));
            }
        });
    }
}
