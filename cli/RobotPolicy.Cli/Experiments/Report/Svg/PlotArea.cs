namespace RobotPolicy.Cli.Experiments.Report.Svg;

/// <summary>The rectangle the data is drawn in (pixels, y down) and the data ranges it shows.</summary>
internal sealed record PlotArea(double Left, double Top, double Width, double Height, ValueRange X, ValueRange Y)
{
    public double Right => Left + Width;

    public double Bottom => Top + Height;

    public double PixelX(double x) => Left + (x - X.Min) / X.Span * Width;

    /// <summary>Values outside the y range are drawn at its edge (a wide confidence band must not leave the frame).</summary>
    public double PixelY(double y) => Bottom - (Y.Clamp(y) - Y.Min) / Y.Span * Height;
}
