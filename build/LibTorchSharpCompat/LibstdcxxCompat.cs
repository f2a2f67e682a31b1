// Adapts TorchSharp's native library to an older libstdc++ in the build output (see LibTorchSharpCompat.targets).
// One file because MSBuild's inline task factory compiles exactly one: the ELF reader (ElfVersionNeeds), where the
// loader finds libstdc++ (SystemLibstdcxx), and the task itself. The tests compile this file too, with
// ROBOTPOLICY_NO_MSBUILD_TASK defined, so they need no MSBuild assemblies. The task factory compiles against
// .NET Standard 2.0: hence classes rather than records, and no spans or ranges.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace RobotPolicy.LibstdcxxCompat;

/// <summary>A version a library needs from another: its name, its index (vna_other) and where its flags are.</summary>
public sealed class NeededVersion
{
    public NeededVersion(string name, int index, long flagsOffset, bool weak)
    {
        Name = name;
        Index = index;
        FlagsOffset = flagsOffset;
        Weak = weak;
    }

    public string Name { get; }
    public int Index { get; }
    public long FlagsOffset { get; }
    public bool Weak { get; }
}

/// <summary>The file is not an ELF64 little-endian library this reader understands (the message names it).</summary>
public sealed class ElfFormatException : Exception
{
    public ElfFormatException(string message) : base(message)
    {
    }
}

public static class ElfVersionNeeds
{
    private const uint ShtRela = 4, ShtRel = 9, ShtDynsym = 11;
    private const uint ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;

    /// <summary>vna_flags bit: a missing version is a warning for the dynamic loader, not an error.</summary>
    public const ushort WeakFlag = 0x2;

    /// <summary>The version names <paramref name="library"/> defines (libstdc++: GLIBCXX_3.4, ..., CXXABI_1.3.x).</summary>
    public static IReadOnlyList<string> DefinedVersions(byte[] library, string name)
    {
        var elf = Sections(library, name);
        var result = new List<string>();
        foreach (var s in elf.Where(s => s.Type == ShtGnuVerdef))
        {
            var strings = elf[(int)s.Link];
            long entry = s.Offset;
            for (uint i = 0; i < s.Info; i++)
            {
                ushort auxCount = U16(library, entry + 6);
                uint aux = U32(library, entry + 12), next = U32(library, entry + 16);
                if (auxCount > 0)
                {
                    result.Add(Text(library, strings, U32(library, entry + aux)));
                }
                if (next == 0)
                {
                    break;
                }
                entry += next;
            }
        }
        return result;
    }

    /// <summary>The versions <paramref name="library"/> needs from the library named <paramref name="fromFile"/>.</summary>
    public static IReadOnlyList<NeededVersion> NeededVersions(byte[] library, string name, string fromFile)
    {
        var elf = Sections(library, name);
        var result = new List<NeededVersion>();
        foreach (var s in elf.Where(s => s.Type == ShtGnuVerneed))
        {
            var strings = elf[(int)s.Link];
            long entry = s.Offset;
            for (uint i = 0; i < s.Info; i++)
            {
                ushort count = U16(library, entry + 2);
                uint file = U32(library, entry + 4), aux = U32(library, entry + 8), next = U32(library, entry + 12);
                if (Text(library, strings, file) == fromFile)
                {
                    long a = entry + aux;
                    for (int k = 0; k < count; k++)
                    {
                        ushort flags = U16(library, a + 4);
                        result.Add(new NeededVersion(Text(library, strings, U32(library, a + 8)), U16(library, a + 6), a + 4, (flags & WeakFlag) != 0));
                        uint auxNext = U32(library, a + 12);
                        if (auxNext == 0)
                        {
                            break;
                        }
                        a += auxNext;
                    }
                }
                if (next == 0)
                {
                    break;
                }
                entry += next;
            }
        }
        return result;
    }

    /// <summary>The needed versions the system library does not define: what keeps the loader from loading it.</summary>
    public static IReadOnlyList<string> MissingVersions(IEnumerable<string> needed, IEnumerable<string> defined)
    {
        var have = new HashSet<string>(defined, StringComparer.Ordinal);
        return needed.Where(v => !have.Contains(v)).Distinct().ToList();
    }

    /// <summary>
    /// Whether any relocation refers to a symbol bound to version index <paramref name="versionIndex"/>: if none does,
    /// the loader never looks such a symbol up, and the version may be marked weak without changing what runs.
    /// </summary>
    public static bool RelocationsUse(byte[] library, string name, int versionIndex)
    {
        var elf = Sections(library, name);
        var versym = elf.FirstOrDefault(s => s.Type == ShtGnuVersym)
            ?? throw new ElfFormatException($"{name}: no .gnu.version section");
        foreach (var s in elf.Where(s => (s.Type == ShtRela || s.Type == ShtRel) && s.Link < elf.Count && elf[(int)s.Link].Type == ShtDynsym))
        {
            long size = s.Type == ShtRela ? 24 : 16;
            for (long r = s.Offset; r + size <= s.Offset + s.Size; r += size)
            {
                long symbol = (long)(U64(library, r + 8) >> 32);
                if (symbol != 0 && (U16(library, versym.Offset + 2 * symbol) & 0x7fff) == versionIndex)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>A copy of <paramref name="library"/> with the need for <paramref name="version"/> marked weak.</summary>
    public static byte[] MarkWeak(byte[] library, string name, string fromFile, string version)
    {
        var needed = NeededVersions(library, name, fromFile).FirstOrDefault(v => v.Name == version)
            ?? throw new ElfFormatException($"{name}: needs no {version} from {fromFile}");
        var copy = (byte[])library.Clone();
        int flags = U16(library, needed.FlagsOffset) | WeakFlag;
        copy[needed.FlagsOffset] = (byte)flags;
        copy[needed.FlagsOffset + 1] = (byte)(flags >> 8);
        return copy;
    }

    private sealed class Section
    {
        public Section(uint type, long offset, long size, uint link, uint info)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public uint Type { get; }
        public long Offset { get; }
        public long Size { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    private static List<Section> Sections(byte[] b, string name)
    {
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
        {
            throw new ElfFormatException($"{name}: not an ELF file");
        }
        if (b[4] != 2 || b[5] != 1)
        {
            throw new ElfFormatException($"{name}: not a 64-bit little-endian ELF file");
        }
        long shoff = (long)U64(b, 0x28);
        int shentsize = U16(b, 0x3A), shnum = U16(b, 0x3C);
        if (shoff == 0 || shnum == 0 || shentsize < 64 || shoff + (long)shnum * shentsize > b.Length)
        {
            throw new ElfFormatException($"{name}: no section headers to read");
        }
        var sections = new List<Section>(shnum);
        for (int i = 0; i < shnum; i++)
        {
            long h = shoff + (long)i * shentsize;
            var s = new Section(U32(b, h + 4), (long)U64(b, h + 0x18), (long)U64(b, h + 0x20), U32(b, h + 0x28), U32(b, h + 0x2C));
            bool read = s.Type == ShtGnuVerdef || s.Type == ShtGnuVerneed || s.Type == ShtGnuVersym || s.Type == ShtRela || s.Type == ShtRel;
            if (read && s.Offset + s.Size > b.Length)
            {
                throw new ElfFormatException($"{name}: section {i} runs past the end of the file");
            }
            sections.Add(s);
        }
        return sections;
    }

    private static string Text(byte[] b, Section strings, uint offset)
    {
        long start = strings.Offset + offset;
        long end = start;
        while (end < b.Length && b[end] != 0)
        {
            end++;
        }
        return Encoding.ASCII.GetString(b, (int)start, (int)(end - start));
    }

    // Little-endian reads, bounds-checked by the array (a truncated file throws rather than reading garbage).
    private static ushort U16(byte[] b, long at) => (ushort)(b[at] | (b[at + 1] << 8));

    private static uint U32(byte[] b, long at) => U16(b, at) | ((uint)U16(b, at + 2) << 16);

    private static ulong U64(byte[] b, long at) => U32(b, at) | ((ulong)U32(b, at + 4) << 32);
}

/// <summary>The libstdc++.so.6 the dynamic loader would give a process here, as it searches.</summary>
public static class SystemLibstdcxx
{
    public const string Soname = "libstdc++.so.6";

    private static readonly string[] DefaultDirectories =
        { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib" };

    /// <summary>LD_LIBRARY_PATH first, then the loader's cache (ldconfig -p), then the default directories.</summary>
    public static string? Find()
    {
        var candidates = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "").Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, Soname))
            .Concat(FromLoaderCache())
            .Concat(DefaultDirectories.Select(d => Path.Combine(d, Soname)));
        return candidates.FirstOrDefault(File.Exists);
    }

    // "\tlibstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6": the 64-bit entries, in cache order.
    private static IEnumerable<string> FromLoaderCache()
    {
        string? ldconfig = new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig" }.FirstOrDefault(File.Exists);
        if (ldconfig is null)
        {
            return Enumerable.Empty<string>();
        }
        string output;
        try
        {
            var psi = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
            using (var p = Process.Start(psi)!)
            {
                output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
            }
        }
        catch (Exception e) when (e is IOException || e is System.ComponentModel.Win32Exception)
        {
            return Enumerable.Empty<string>();
        }
        var found = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            var t = line.Trim();
            int arrow = t.IndexOf("=> ", StringComparison.Ordinal);
            if (t.StartsWith(Soname + " ", StringComparison.Ordinal) && t.IndexOf("x86-64", StringComparison.Ordinal) >= 0 && arrow > 0)
            {
                found.Add(t.Substring(arrow + 3).Trim());
            }
        }
        return found;
    }
}

/// <summary>What the build does to a copy of libLibTorchSharp.so for this system's libstdc++, and why.</summary>
public sealed class CompatDecision
{
    private CompatDecision(bool patch, string? message, string? error)
    {
        Patch = patch;
        Message = message;
        Error = error;
    }

    /// <summary>Whether to mark the missing versions weak.</summary>
    public bool Patch { get; }

    /// <summary>The one line the build prints when it patches.</summary>
    public string? Message { get; }

    /// <summary>Why it cannot, as the build's one error line.</summary>
    public string? Error { get; }

    /// <summary>
    /// From the versions the library needs of libstdc++, the versions the system's defines, and whether relocations
    /// use each missing one: nothing to do, mark the missing ones weak, or refuse (one line saying what to install).
    /// </summary>
    public static CompatDecision For(string library, IReadOnlyList<NeededVersion> needed, IReadOnlyList<string> systemDefines,
        string systemPath, Func<NeededVersion, bool> relocationsUse)
    {
        var missing = ElfVersionNeeds.MissingVersions(needed.Where(v => !v.Weak).Select(v => v.Name), systemDefines);
        if (missing.Count == 0)
        {
            return new CompatDecision(false, null, null);
        }
        var used = needed.Where(v => missing.Contains(v.Name) && relocationsUse(v)).Select(v => v.Name).ToList();
        string newest = systemDefines.Where(v => v.StartsWith("GLIBCXX_", StringComparison.Ordinal))
            .OrderBy(v => v, VersionNameComparer.Instance).LastOrDefault() ?? "no GLIBCXX version";
        if (used.Count > 0)
        {
            return new CompatDecision(false, null,
                $"{library} needs {string.Join(", ", used)} of libstdc++, which {systemPath} (up to {newest}) lacks and the library calls: install the libstdc++ of GCC 13 or newer");
        }
        return new CompatDecision(true,
            $"{Path.GetFileName(library)}: marked {string.Join(", ", missing)} weak for this system's libstdc++ ({systemPath} defines up to {newest}; nothing calls the symbols of {(missing.Count == 1 ? "that version" : "those versions")}); the NuGet cache is untouched",
            null);
    }
}

/// <summary>Orders GLIBCXX_3.4.9 before GLIBCXX_3.4.30 (by the numbers, not the text).</summary>
public sealed class VersionNameComparer : IComparer<string>
{
    public static readonly VersionNameComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = Numbers(x ?? "");
        var b = Numbers(y ?? "");
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int[] Numbers(string v) => v.Substring(v.IndexOf('_') + 1).Split('.').Select(p => int.TryParse(p, out int n) ? n : 0).ToArray();
}

#if !ROBOTPOLICY_NO_MSBUILD_TASK
/// <summary>
/// The build step: for each copy of libLibTorchSharp.so in an output folder, decide (CompatDecision) and, where
/// needed, write the adapted library next to the copy and rename it over the copy, with the copy's timestamp so
/// incremental builds do not copy the original back. The NuGet cache's file is only ever read.
/// </summary>
public sealed class AdaptLibTorchSharp : Microsoft.Build.Utilities.Task
{
    /// <summary>The output copies to adapt.</summary>
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } = new Microsoft.Build.Framework.ITaskItem[0];

    /// <summary>The libstdc++.so.6 to adapt to; empty: the one the loader would use here.</summary>
    public string? Libstdcxx { get; set; }

    public override bool Execute()
    {
        string? system = string.IsNullOrEmpty(Libstdcxx) ? SystemLibstdcxx.Find() : Libstdcxx;
        if (system is null || !File.Exists(system))
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "libLibTorchSharp.so: no libstdc++.so.6 found to check against; left as it is");
            return true;
        }
        try
        {
            var defines = ElfVersionNeeds.DefinedVersions(File.ReadAllBytes(system), system);
            foreach (var item in Libraries)
            {
                string path = item.ItemSpec;
                byte[] bytes = File.ReadAllBytes(path);
                var needed = ElfVersionNeeds.NeededVersions(bytes, path, SystemLibstdcxx.Soname);
                var decision = CompatDecision.For(path, needed, defines, system, v => ElfVersionNeeds.RelocationsUse(bytes, path, v.Index));
                if (decision.Error is { } error)
                {
                    Log.LogError(error);
                    return false;
                }
                if (!decision.Patch)
                {
                    continue;
                }
                var patched = bytes;
                foreach (var v in needed.Where(v => !v.Weak && !defines.Contains(v.Name)))
                {
                    patched = ElfVersionNeeds.MarkWeak(patched, path, SystemLibstdcxx.Soname, v.Name);
                }
                // A new file renamed over the copy: the copy may be a hard link into the NuGet cache, and a killed
                // build must leave either the old or the new library. Copying first keeps the file's mode.
                var stamp = File.GetLastWriteTimeUtc(path);
                string temp = path + ".adapting";
                File.Copy(path, temp, overwrite: true);
                using (var stream = new FileStream(temp, FileMode.Truncate, FileAccess.Write))
                {
                    stream.Write(patched, 0, patched.Length);
                }
                File.SetLastWriteTimeUtc(temp, stamp);
                File.Replace(temp, path, null);
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, decision.Message);
            }
            return true;
        }
        catch (Exception e) when (e is ElfFormatException || e is IOException || e is UnauthorizedAccessException)
        {
            Log.LogError($"adapting libLibTorchSharp.so to this system's libstdc++: {e.Message}");
            return false;
        }
    }
}
#endif
