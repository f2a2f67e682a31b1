namespace RobotPolicy.Bundle;

/// <summary>Checks that metadata is self-consistent; the first problem found becomes a one-line error naming the field.</summary>
public static class PolicyMetadataValidator
{
    public static void Validate(PolicyMetadata m, string source)
    {
        void Fail(string field, string problem) =>
            throw new BundleFormatException($"{source}: metadata field '{field}' {problem}");

        if (m.PolicyKind != PolicyKinds.FeedForward)
        {
            Fail("policy_kind", $"is '{m.PolicyKind}'; this robotpolicy runs '{PolicyKinds.FeedForward}' policies");
        }
        ValidateObservation(m.Observation, Fail);
        ValidateAction(m.Action, Fail);
        if (!double.IsFinite(m.Control.PeriodSeconds) || m.Control.PeriodSeconds <= 0)
        {
            Fail("control.period_seconds", $"must be a positive number of seconds, found {m.Control.PeriodSeconds}");
        }
        if (m.Control.Decimation < 1)
        {
            Fail("control.decimation", $"must be at least 1, found {m.Control.Decimation}");
        }
        if (m.Training is { } training)
        {
            ValidateTraining(training, Fail);
        }
    }

    private static void ValidateTraining(TrainingRecord t, Action<string, string> fail)
    {
        if (t.Method is null)
        {
            fail("training.method", $"is missing; expected one of {string.Join(", ", TrainingMethods.All)}");
        }
        else if (!TrainingMethods.All.Contains(t.Method))
        {
            fail("training.method", $"is '{t.Method}'; expected one of {string.Join(", ", TrainingMethods.All)}");
        }
        if (string.IsNullOrWhiteSpace(t.Domain))
        {
            fail("training.domain", t.Domain is null ? "is missing" : "is empty");
        }
        if (t.Seed is null)
        {
            fail("training.seed", "is missing");
        }
        if (t.EnvironmentSteps is not long steps)
        {
            fail("training.environment_steps", "is missing");
        }
        else if (steps < 0)
        {
            fail("training.environment_steps", $"must be zero or more, found {steps}");
        }
    }

    private static void ValidateObservation(ObservationSpec o, Action<string, string> fail)
    {
        if (o.Terms is null || o.Terms.Count == 0)
        {
            fail("observation.terms", "must list at least one term");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < o.Terms.Count; i++)
        {
            var t = o.Terms[i];
            string at = $"observation.terms[{i}]";
            if (string.IsNullOrWhiteSpace(t.Name))
            {
                fail($"{at}.name", "is empty");
            }
            if (!seen.Add(t.Name))
            {
                fail($"{at}.name", $"repeats the term name '{t.Name}'");
            }
            if (t.Dim < 1)
            {
                fail($"{at}.dim", $"must be at least 1, found {t.Dim} (term '{t.Name}')");
            }
            if (t.History < 1)
            {
                fail($"{at}.history", $"must be at least 1, found {t.History} (term '{t.Name}')");
            }
        }
        if (!HistoryLayouts.All.Contains(o.HistoryLayout))
        {
            fail("observation.history_layout", $"is '{o.HistoryLayout}'; expected one of {string.Join(", ", HistoryLayouts.All)}");
        }
        if (o.HistoryLayout == HistoryLayouts.FrameMajor && o.Terms.Any(t => t.History != o.Terms[0].History))
        {
            var odd = o.Terms.First(t => t.History != o.Terms[0].History);
            fail("observation.history_layout",
                $"is frame_major, which needs one history length for all terms, but '{o.Terms[0].Name}' has {o.Terms[0].History} and '{odd.Name}' has {odd.History}; use term_major");
        }
        if (!HistoryInits.All.Contains(o.HistoryInit))
        {
            fail("observation.history_init", $"is '{o.HistoryInit}'; expected one of {string.Join(", ", HistoryInits.All)}");
        }
    }

    private static void ValidateAction(ActionSpec a, Action<string, string> fail)
    {
        if (a.Names is null || a.Names.Count == 0)
        {
            fail("action.names", "must list at least one action");
            return;
        }
        int n = a.Names.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            if (string.IsNullOrWhiteSpace(a.Names[i]))
            {
                fail($"action.names[{i}]", "is empty");
            }
            if (!seen.Add(a.Names[i]))
            {
                fail($"action.names[{i}]", $"repeats the name '{a.Names[i]}'");
            }
        }
        CheckArray("action.scale", a.Scale, n, required: true, fail);
        CheckArray("action.offset", a.Offset, n, required: true, fail);
        CheckArray("action.clip_low", a.ClipLow, n, required: true, fail, allowInfinite: true);
        CheckArray("action.clip_high", a.ClipHigh, n, required: true, fail, allowInfinite: true);
        for (int i = 0; i < n; i++)
        {
            if (!(a.ClipLow[i] <= a.ClipHigh[i]))
            {
                fail($"action.clip_low[{i}]", $"({a.ClipLow[i]}) is above action.clip_high[{i}] ({a.ClipHigh[i]}) for '{a.Names[i]}'");
            }
        }
        CheckArray("action.rate_limit_per_second", a.RateLimitPerSecond, n, required: false, fail, allowInfinite: true);
        if (a.RateLimitPerSecond is { } rate)
        {
            for (int i = 0; i < n; i++)
            {
                if (!(rate[i] > 0))
                {
                    fail($"action.rate_limit_per_second[{i}]", $"must be positive, found {rate[i]} for '{a.Names[i]}'");
                }
            }
        }
        CheckArray("action.default_joint_positions", a.DefaultJointPositions, n, required: false, fail);
        CheckArray("action.kp", a.Kp, n, required: false, fail);
        CheckArray("action.kd", a.Kd, n, required: false, fail);
    }

    private static void CheckArray(string field, float[]? values, int expected, bool required, Action<string, string> fail,
        bool allowInfinite = false)
    {
        if (values is null)
        {
            if (required)
            {
                fail(field, "is missing");
            }
            return;
        }
        if (values.Length != expected)
        {
            fail(field, $"has {values.Length} values but action.names has {expected}");
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]) || (!allowInfinite && float.IsInfinity(values[i])))
            {
                fail($"{field}[{i}]", $"is {values[i]}, which is not a usable number");
            }
        }
    }
}
