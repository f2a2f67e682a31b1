using RobotPolicy.Bundle;

namespace RobotPolicy.Exporter.Onnx;

/// <summary>Whether a bundle's model is the one its metadata's weights_sha256 describes, and by which definition.</summary>
public sealed record BundleHashCheck(string Scheme, string Expected, string Computed)
{
    /// <summary>Schema 2 and later: the whole model (<see cref="ModelHash"/>).</summary>
    public const string ModelScheme = "model";

    /// <summary>Schema 1: raw_data initializers only (<see cref="LegacyWeightsHash"/>).</summary>
    public const string LegacyScheme = "initializers (schema 1)";

    public bool Matches => string.Equals(Expected, Computed, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a schema 1 bundle, whose hash does not cover the graph's structure nor every encoding.</summary>
    public bool IsLegacy => Scheme == LegacyScheme;

    /// <summary>What a mismatch is: the stored hash against the computed one.</summary>
    public string Mismatch(string path) =>
        $"{path}: the bundle was modified after export: weights_sha256 in its metadata is {Short(Expected)}, its {Scheme} hashes to {Short(Computed)}";

    /// <summary>The one-line refusal for a mismatch.</summary>
    public string MismatchMessage(string path) => Mismatch(path) + "; re-export it, or pass --allow-modified-bundle to run it anyway";

    /// <summary>What a schema 1 bundle that matches is told.</summary>
    public string LegacyNote(string path) =>
        $"{path}: metadata schema 1: its weights hash covers raw_data initializers only, not the graph; re-export it for a full check";

    private static string Short(string hash) => hash.Length > 16 ? hash[..16] + "…" : hash;
}

/// <summary>Computes <see cref="BundleHashCheck"/> from the bytes of a bundle.</summary>
public static class BundleIntegrity
{
    public static BundleHashCheck Check(byte[] bundleBytes, PolicyMetadata metadata, string path)
    {
        if (metadata.SchemaVersion >= 2)
        {
            return new BundleHashCheck(BundleHashCheck.ModelScheme, metadata.WeightsSha256, ModelHash.Compute(bundleBytes));
        }
        var model = BundleFile.ParseModel(bundleBytes, path);
        return new BundleHashCheck(BundleHashCheck.LegacyScheme, metadata.WeightsSha256, LegacyWeightsHash.Compute(model.Graph));
    }
}
