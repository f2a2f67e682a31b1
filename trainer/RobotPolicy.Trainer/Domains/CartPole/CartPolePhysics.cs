namespace RobotPolicy.Trainer.Domains.CartPole;

/// <summary>
/// Cart-pole dynamics, as in Barto, Sutton and Anderson (1983) with the correction used by Gym's CartPole (frictionless
/// cart and joint), integrated by semi-implicit Euler: velocities first, then positions from the new velocities.
/// Pure: usable for a single simulated robot at any control period as well as inside the batch.
/// </summary>
public static class CartPolePhysics
{
    /// <summary>Advances <paramref name="state"/> by <paramref name="dt"/> seconds under a horizontal
    /// <paramref name="force"/> on the cart (N; the caller limits it to ±MaxForce).</summary>
    public static void Step(in CartPoleParameters parameters, ref CartPoleState state, double force, double dt)
    {
        var (thetaAcc, xAcc) = Accelerations(parameters, state, force);
        state.XDot += dt * xAcc;
        state.X += dt * state.XDot;
        state.ThetaDot += dt * thetaAcc;
        state.Theta += dt * state.ThetaDot;
    }

    /// <summary>Angular and cart accelerations (rad/s², m/s²) in <paramref name="state"/> under <paramref name="force"/>.</summary>
    public static (double ThetaAcc, double XAcc) Accelerations(in CartPoleParameters parameters, in CartPoleState state, double force)
    {
        double totalMass = parameters.CartMass + parameters.PoleMass;
        double poleMassLength = parameters.PoleMass * parameters.PoleHalfLength;
        double cos = Math.Cos(state.Theta);
        double sin = Math.Sin(state.Theta);
        double temp = (force + poleMassLength * state.ThetaDot * state.ThetaDot * sin) / totalMass;
        double thetaAcc = (parameters.Gravity * sin - cos * temp)
            / (parameters.PoleHalfLength * (4.0 / 3.0 - parameters.PoleMass * cos * cos / totalMass));
        double xAcc = temp - poleMassLength * thetaAcc * cos / totalMass;
        return (thetaAcc, xAcc);
    }
}
