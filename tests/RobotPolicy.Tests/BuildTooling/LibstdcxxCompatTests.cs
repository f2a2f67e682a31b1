using RobotPolicy.LibstdcxxCompat;

namespace RobotPolicy.Tests.BuildTooling;

/// <summary>
/// The build's adaptation of TorchSharp's libLibTorchSharp.so to a libstdc++ older than it asks for: detection on
/// version lists (a system that has GLIBCXX_3.4.32 and one that stops at 3.4.30), the ELF reading on the real
/// libraries of this machine, and the edit itself.
/// </summary>
public class LibstdcxxCompatTests
{
    private static readonly string[] Debian12 = Enumerable.Range(0, 31).Select(i => $"GLIBCXX_3.4.{i}").Prepend("GLIBCXX_3.4")
        .Concat(Enumerable.Range(1, 13).Select(i => $"CXXABI_1.3.{i}")).ToArray();

    private static readonly string[] Gcc13 = Debian12.Append("GLIBCXX_3.4.31").Append("GLIBCXX_3.4.32").ToArray();

    private static readonly NeededVersion[] TorchSharpNeeds =
    [
        new("GLIBCXX_3.4.30", 29, 0xd4, false), new("GLIBCXX_3.4.32", 18, 0x144, false), new("CXXABI_1.3.13", 26, 0xf4, false),
    ];

    private static string NuGetLibrary()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    [Fact]
    public void A_libstdcxx_with_the_version_needs_nothing_done()
    {
        var decision = CompatDecision.For("libLibTorchSharp.so", TorchSharpNeeds, Gcc13, "/new/libstdc++.so.6", _ => false);
        Assert.False(decision.Patch);
        Assert.Null(decision.Error);
        Assert.Null(decision.Message);
    }

    [Fact]
    public void A_libstdcxx_up_to_3_4_30_gets_the_uncalled_version_marked_weak_in_one_line()
    {
        var decision = CompatDecision.For("out/libLibTorchSharp.so", TorchSharpNeeds, Debian12, "/lib/x86_64-linux-gnu/libstdc++.so.6", _ => false);
        Assert.True(decision.Patch);
        Assert.Null(decision.Error);
        Assert.Equal("libLibTorchSharp.so: marked GLIBCXX_3.4.32 weak for this system's libstdc++ (/lib/x86_64-linux-gnu/libstdc++.so.6 defines up to GLIBCXX_3.4.30; nothing calls the symbols of that version); the NuGet cache is untouched",
            decision.Message);
    }

    [Fact]
    public void A_missing_version_the_library_calls_is_refused_naming_what_to_install()
    {
        var decision = CompatDecision.For("out/libLibTorchSharp.so", TorchSharpNeeds, Debian12, "/lib/libstdc++.so.6", v => v.Name == "GLIBCXX_3.4.32");
        Assert.False(decision.Patch);
        Assert.Equal("out/libLibTorchSharp.so needs GLIBCXX_3.4.32 of libstdc++, which /lib/libstdc++.so.6 (up to GLIBCXX_3.4.30) lacks and the library calls: install the libstdc++ of GCC 13 or newer",
            decision.Error);
    }

    [Fact]
    public void An_already_weak_need_is_not_missing()
    {
        var weak = TorchSharpNeeds.Select(v => v.Name == "GLIBCXX_3.4.32" ? new NeededVersion(v.Name, v.Index, v.FlagsOffset, true) : v).ToArray();
        Assert.False(CompatDecision.For("l.so", weak, Debian12, "/lib/libstdc++.so.6", _ => false).Patch);
    }

    [Fact]
    public void This_machines_libstdcxx_is_found_and_read()
    {
        string? path = SystemLibstdcxx.Find();
        Assert.NotNull(path);
        var defines = ElfVersionNeeds.DefinedVersions(File.ReadAllBytes(path), path);
        Assert.Contains("GLIBCXX_3.4", defines);
        Assert.Contains("GLIBCXX_3.4.30", defines);   // Debian 12's, the oldest this toolkit builds on
        Assert.Contains("CXXABI_1.3", defines);
    }

    [Fact]
    public void TorchSharps_library_needs_3_4_32_for_a_symbol_no_relocation_uses()
    {
        string path = NuGetLibrary();
        var bytes = File.ReadAllBytes(path);
        var needed = ElfVersionNeeds.NeededVersions(bytes, path, "libstdc++.so.6");
        var v32 = Assert.Single(needed, v => v.Name == "GLIBCXX_3.4.32");
        Assert.False(v32.Weak);   // the cache's copy is never edited
        Assert.False(ElfVersionNeeds.RelocationsUse(bytes, path, v32.Index));
        var v30 = Assert.Single(needed, v => v.Name == "GLIBCXX_3.4.30");
        Assert.True(ElfVersionNeeds.RelocationsUse(bytes, path, v30.Index));   // the check does see used versions
    }

    [Fact]
    public void Marking_weak_changes_exactly_the_flags_of_that_version()
    {
        string path = NuGetLibrary();
        var bytes = File.ReadAllBytes(path);
        var patched = ElfVersionNeeds.MarkWeak(bytes, path, "libstdc++.so.6", "GLIBCXX_3.4.32");
        var differing = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] != patched[i]).ToList();
        long flags = ElfVersionNeeds.NeededVersions(bytes, path, "libstdc++.so.6").Single(v => v.Name == "GLIBCXX_3.4.32").FlagsOffset;
        Assert.Equal([(int)flags], differing);
        Assert.True(ElfVersionNeeds.NeededVersions(patched, path, "libstdc++.so.6").Single(v => v.Name == "GLIBCXX_3.4.32").Weak);
        Assert.All(ElfVersionNeeds.NeededVersions(patched, path, "libstdc++.so.6").Where(v => v.Name != "GLIBCXX_3.4.32"), v => Assert.False(v.Weak));
    }

    [Fact]
    public void The_build_output_copy_matches_this_systems_libstdcxx()
    {
        string output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        string system = SystemLibstdcxx.Find()!;
        bool systemHas32 = ElfVersionNeeds.DefinedVersions(File.ReadAllBytes(system), system).Contains("GLIBCXX_3.4.32");
        var copy = ElfVersionNeeds.NeededVersions(File.ReadAllBytes(output), output, "libstdc++.so.6").Single(v => v.Name == "GLIBCXX_3.4.32");
        Assert.Equal(!systemHas32, copy.Weak);
    }

    [Fact]
    public void Not_an_elf_file_is_one_clear_error()
    {
        var e = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.DefinedVersions("#!/bin/sh\necho hi\n"u8.ToArray(), "/tmp/script.so"));
        Assert.Equal("/tmp/script.so: not an ELF file", e.Message);
        var e32 = new byte[64];
        e32[0] = 0x7f; e32[1] = (byte)'E'; e32[2] = (byte)'L'; e32[3] = (byte)'F'; e32[4] = 1; e32[5] = 1;
        Assert.Equal("lib32.so: not a 64-bit little-endian ELF file", Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.DefinedVersions(e32, "lib32.so")).Message);
    }
}
