namespace RobotPolicy.Trainer.Domains.CartPole;

/// <summary>The cart-pole's full state: cart position (m) and velocity (m/s), pole angle from upright (rad, positive
/// leaning towards +x) and angular velocity (rad/s).</summary>
public record struct CartPoleState(double X, double XDot, double Theta, double ThetaDot);
