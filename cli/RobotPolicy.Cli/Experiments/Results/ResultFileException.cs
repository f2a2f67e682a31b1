namespace RobotPolicy.Cli.Experiments.Results;

/// <summary>A run's result file exists but cannot be read as one (the message names the file).</summary>
internal sealed class ResultFileException(string message) : Exception(message);
