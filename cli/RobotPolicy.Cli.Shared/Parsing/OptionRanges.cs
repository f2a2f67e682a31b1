using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace RobotPolicy.Cli.Parsing;

/// <summary>
/// Ranges for numeric options, checked at parse time: a value outside is one line naming the option, the value and
/// the range ("--steps -5: expected 1 to 1000000000000"), before any work starts, instead of a silent default.
/// </summary>
internal static class OptionRanges
{
    /// <summary>Accepts <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public static Option<T> InRange<T>(this Option<T> option, T min, T max) where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out T value))
            {
                Check(result, option.Name, value, min, max);
            }
        });
        return option;
    }

    /// <summary>The same for an option that may be left out (null: not given).</summary>
    public static Option<T?> InRange<T>(this Option<T?> option, T min, T max) where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out T? given) && given is { } value)
            {
                Check(result, option.Name, value, min, max);
            }
        });
        return option;
    }

    // A value that did not parse ("abc") has its own error already; asking for it would throw.
    private static bool TryGetValue<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static void Check<T>(OptionResult result, string name, T value, T min, T max) where T : struct, INumber<T>
    {
        // NaN fails both comparisons, so it is refused too.
        if (!(value >= min && value <= max))
        {
            result.AddError($"{name} {Show(value)}: expected {Show(min)} to {Show(max)}");
        }
    }

    private static string Show<T>(T value) where T : struct, INumber<T> =>
        value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "";
}
