using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.TigerDoor;

/// <summary>
/// TigerDoor's single-copy rules. Actions: <see cref="GridMoves"/> (up, right, down, left). Every step costs
/// <see cref="StepCost"/>; entering the prize door pays <see cref="PrizeReward"/>, the tiger's door
/// <see cref="TigerReward"/>, and either ends the episode. Standing on the button reveals the prize side to the student.
/// Teacher observation: position (2), door hint (2), prize side (2). Student frame: position (2), door hint (2).
/// Position is ((x - 3) / 3, y / 2); the door hint is one-hot (left, right) once the button was visited, else zeros.
/// </summary>
public struct TigerDoorRules : IDomainRules<TigerDoorState>
{
    public const float StepCost = 0.1f;
    public const float PrizeReward = 1f;
    public const float TigerReward = -5f;
    public const int EpisodeHorizon = 20;

    public static DomainSpec Spec { get; } = new(
        "tigerdoor",
        TeacherObsDim: 6,
        StudentObsTerms: [("position", 2), ("door_hint", 2)],
        ActionSpace.OfDiscrete(GridMoves.Count),
        EpisodeHorizon,
        TigerDoorReference.Returns);

    public static void Reset(ref TigerDoorState state, ref EnvRandom random)
    {
        state.X = TigerDoorLayout.StartX;
        state.Y = TigerDoorLayout.StartY;
        state.PrizeOnRight = random.NextBool();
        state.ButtonVisited = false;
    }

    public static float Step(ref TigerDoorState state, ReadOnlySpan<float> action, ref EnvRandom random, out bool terminated)
    {
        int move = (int)action[0];
        int x = state.X + GridMoves.Dx(move);
        int y = state.Y + GridMoves.Dy(move);
        if (TigerDoorLayout.IsWalkable(x, y))
        {
            state.X = x;
            state.Y = y;
        }

        float reward = -StepCost;
        if (TigerDoorLayout.IsButton(state.X, state.Y))
        {
            state.ButtonVisited = true;
        }
        terminated = TigerDoorLayout.IsDoor(state.X, state.Y);
        if (terminated)
        {
            bool enteredRight = state.X == TigerDoorLayout.RightDoorX;
            reward += enteredRight == state.PrizeOnRight ? PrizeReward : TigerReward;
        }
        return reward;
    }

    public static void WriteTeacherObs(in TigerDoorState state, Span<float> destination)
    {
        WriteStudentObs(state, destination);
        destination[4] = state.PrizeOnRight ? 0f : 1f;
        destination[5] = state.PrizeOnRight ? 1f : 0f;
    }

    public static void WriteStudentObs(in TigerDoorState state, Span<float> destination)
    {
        destination[0] = (state.X - TigerDoorLayout.StartX) / 3f;
        destination[1] = state.Y / 2f;
        destination[2] = state.ButtonVisited && !state.PrizeOnRight ? 1f : 0f;
        destination[3] = state.ButtonVisited && state.PrizeOnRight ? 1f : 0f;
    }
}
