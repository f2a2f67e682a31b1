namespace RobotPolicy.Cli.Experiments.Report.Svg;

/// <summary>One point of a seed-averaged curve; Low and High bound its confidence band (null with a single seed).</summary>
internal sealed record CurvePoint(double X, double Mean, double? Low, double? High);

/// <summary>A method's curve in a chart.</summary>
internal sealed record ChartSeries(string Label, string Color, IReadOnlyList<CurvePoint> Points);

/// <summary>A horizontal dashed line at a reference value (best teacher, best student, ...).</summary>
internal sealed record ChartReference(string Label, double Value, string Color);

/// <summary>A final value drawn as a dot right of the plot, with its confidence interval as a bar.</summary>
internal sealed record ChartMarker(string Label, string Color, double Value, double? Low, double? High);
