namespace RobotPolicy.Trainer.Domains.CartPole;

/// <summary>One copy of the cart-pole domain: the physical state, this episode's hidden parameters, and the latest
/// sensor reading (drawn when the state changed, so reading the observation never consumes randomness).</summary>
public struct CartPoleEnvState
{
    public CartPoleState Physics;
    public CartPoleParameters Parameters;
    public CartPoleReading Reading;
}
