using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.PoisonedDoors;

/// <summary>
/// PoisonedDoors' single-copy rules (after Weihs et al., "Bridging the Imitation Gap by Adaptive Insubordination",
/// NeurIPS 2021). Actions: Discrete(4).
/// <list type="bullet">
/// <item>Choosing (first step): action 0, 1 or 2 opens that door and ends the episode: +2 behind the good door,
/// -2 behind the two poisoned ones. Action 3 starts entering the code instead (reward 0).</item>
/// <item>Entering the code: the k-th step must be <see cref="Code"/>[k] (0 to 2; action 3 is never a digit). A wrong
/// digit ends the episode with reward 0; each right digit pays <see cref="CodeReward"/> / 10, and the tenth opens the
/// locked door and ends the episode, +1 in all.</item>
/// </list>
/// The code pays per digit because a reward only at the end is out of reach for any RL learner: typing ten right
/// digits by chance happens once in 4^10 ≈ 10^6 tries, so a student trained by RL (or the aligned method's head,
/// which acts on what a student knows) never saw it pay. Per digit, every prefix is a step on the way; the totals,
/// and so the references, are unchanged.
/// The code never changes, so a policy can learn it; the good door is drawn per episode and only the teacher sees it.
/// Student frame: the phase, one-hot over 11 values (choosing, digit 0 due, ..., digit 9 due), which is all a
/// student needs to type the code without remembering how far it got. Teacher: the phase (11) and the good door (3).
/// No step cost: the comparison is between the outcomes only. Horizon 11 (never reached: every episode ends by then).
/// </summary>
public struct PoisonedDoorsRules : IDomainRules<PoisonedDoorsState>
{
    public const int DoorCount = 3;
    public const int EnterCodeAction = 3;
    public const float GoodDoorReward = 2f;
    public const float PoisonedDoorReward = -2f;
    public const float CodeReward = 1f;
    public const float WrongDigitReward = 0f;

    /// <summary>Phases: choosing, then one per code digit.</summary>
    public const int PhaseCount = 1 + CodeLength;

    public const int CodeLength = 10;

    // A static array: a span property over a collection expression allocated on every read (the allocation test caught it).
    private static readonly int[] CodeDigits = [2, 0, 1, 1, 2, 0, 2, 1, 0, 1];

    /// <summary>The fixed code, the same in every episode and every copy.</summary>
    public static ReadOnlySpan<int> Code => CodeDigits;

    public static DomainSpec Spec { get; } = new(
        "poisoned-doors",
        TeacherObsDim: PhaseCount + DoorCount,
        StudentObsTerms: [("phase", PhaseCount)],
        ActionSpace.OfDiscrete(4),
        Horizon: PhaseCount,
        PoisonedDoorsReference.Returns);

    public static void Reset(ref PoisonedDoorsState state, ref EnvRandom random)
    {
        state.Phase = 0;
        state.GoodDoor = random.NextInt(DoorCount);
    }

    public static float Step(ref PoisonedDoorsState state, ReadOnlySpan<float> action, ref EnvRandom random, out bool terminated)
    {
        int a = (int)action[0];
        if (state.Phase == 0)
        {
            if (a == EnterCodeAction)
            {
                state.Phase = 1;
                terminated = false;
                return 0f;
            }
            terminated = true;
            return a == state.GoodDoor ? GoodDoorReward : PoisonedDoorReward;
        }

        int digit = state.Phase - 1;
        if (a != Code[digit])
        {
            terminated = true;
            return WrongDigitReward;
        }
        // The last digit leaves the phase where it is: the episode ends, and the final frame stays a valid one-hot.
        terminated = digit == CodeLength - 1;
        if (!terminated)
        {
            state.Phase++;
        }
        return CodeReward / CodeLength;
    }

    public static void WriteTeacherObs(in PoisonedDoorsState state, Span<float> destination)
    {
        WriteStudentObs(state, destination);
        for (int door = 0; door < DoorCount; door++)
        {
            destination[PhaseCount + door] = door == state.GoodDoor ? 1f : 0f;
        }
    }

    public static void WriteStudentObs(in PoisonedDoorsState state, Span<float> destination)
    {
        for (int phase = 0; phase < PhaseCount; phase++)
        {
            destination[phase] = phase == state.Phase ? 1f : 0f;
        }
    }
}
