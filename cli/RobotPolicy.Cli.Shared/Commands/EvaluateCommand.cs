using System.CommandLine;
using System.Globalization;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Runtime.Session;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// `robotpolicy evaluate`: the policy's actions for given stacked observations, as CSV. Run on the workstation and on
/// the robot's computer (`--expect` the workstation's file) it shows that the deployed build computes the same
/// actions, within a tolerance, whatever CPU and ONNX Runtime build it runs on.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var bundle = new Argument<string>("bundle") { Description = "policy bundle (.onnx)" };
        var observations = new Option<string>("--observations") { Description = "CSV of stacked observations, one row per step (input_dim values each)", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "write the actions as CSV to this file (default: standard output)" };
        var expect = new Option<string?>("--expect") { Description = "CSV of expected actions (an earlier --out): exit 1 when any action differs by more than --tolerance" };
        var tolerance = new Option<double>("--tolerance") { Description = "largest |action - expected| accepted by --expect", DefaultValueFactory = _ => 1e-5 };
        var sessionArgs = new SessionArguments();
        var command = new Command("evaluate", "Compute a bundle's actions for stacked observations from a CSV file, optionally checked against expected actions")
        {
            bundle, observations, output, expect, tolerance,
        };
        foreach (var option in sessionArgs.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandGuard.Run("evaluate", () =>
        {
            using var session = PolicySession.Open(parse.GetRequiredValue(bundle), sessionArgs.Read(parse));
            var inputs = ActionTable.Read(parse.GetRequiredValue(observations), session.InputDim, "stacked observations");
            var actions = inputs.Select(obs =>
            {
                var a = new float[session.ActionDim];
                session.StepStacked(obs, a);
                return a;
            }).ToList();
            string csv = ActionTable.Format(actions);
            if (parse.GetValue(output) is { } path)
            {
                AtomicFile.WriteAllText(path, csv);
            }
            else if (parse.GetValue(expect) is null)
            {
                Console.Write(csv);
            }
            return parse.GetValue(expect) is { } expectedPath ? Compare(actions, ActionTable.Read(expectedPath, session.ActionDim, "actions"), expectedPath, parse.GetValue(tolerance)) : 0;
        }));
        return command;
    }

    private static int Compare(List<float[]> actual, List<float[]> expected, string expectedPath, double tolerance)
    {
        if (!(tolerance >= 0))
        {
            throw new CliUsageException($"--tolerance must be zero or positive, not {tolerance}");
        }
        if (expected.Count != actual.Count)
        {
            throw new CliUsageException($"{expectedPath}: {expected.Count} rows of actions for {actual.Count} observations");
        }
        double worst = 0;
        (int Row, int Action) at = (0, 0);
        for (int r = 0; r < actual.Count; r++)
        {
            for (int i = 0; i < actual[r].Length; i++)
            {
                double d = Math.Abs((double)actual[r][i] - expected[r][i]);
                if (d > worst)
                {
                    (worst, at) = (d, (r, i));
                }
            }
        }
        var inv = CultureInfo.InvariantCulture;
        bool ok = worst <= tolerance;
        // One plain line, never wrapped: scripts on the robot's computer read it.
        Console.WriteLine($"{(ok ? "match" : "differ")}: {actual.Count:N0} rows, max |action - expected| = {worst.ToString("g3", inv)} " +
            $"(row {at.Row + 1}, action {at.Action + 1}; tolerance {tolerance.ToString("g3", inv)})");
        return ok ? 0 : CommandGuard.UserError;
    }
}
