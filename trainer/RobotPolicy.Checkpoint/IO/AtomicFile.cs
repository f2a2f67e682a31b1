using System.Security.Cryptography;
using System.Text;

namespace RobotPolicy.Checkpoint.IO;

/// <summary>
/// Writes whole files so that the final name only ever holds complete content: either the previous file or the
/// new one, never a prefix of the new one. A trainer killed mid-checkpoint therefore cannot leave behind a
/// truncated weights file that a later resume or export would read as valid.
/// </summary>
/// <remarks>
/// The content goes to a uniquely named temp file in the same directory (a rename is only atomic within one
/// file system), is flushed to the device, and is then renamed over the final name. On failure the temp file is
/// deleted and the previous file is left untouched. The directory entry itself is not fsynced (.NET has no
/// portable way to open a directory), so after a power loss the rename may be rolled back to the previous file;
/// it is never half-applied.
/// </remarks>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Atomically replaces (or creates) <paramref name="path"/> with <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) =>
        WriteThroughTempFile(path, bytes, static (stream, content) => stream.Write(content));

    /// <summary>Atomically replaces (or creates) <paramref name="path"/> with <paramref name="text"/> as UTF-8 without a byte order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, Utf8WithoutBom.GetBytes(text));
    }

    /// <summary>
    /// Atomically replaces (or creates) <paramref name="path"/> with whatever <paramref name="writeContent"/> writes
    /// to the stream it is given. If <paramref name="writeContent"/> throws, the exception propagates, the previous
    /// file stays as it was, and no temp file is left behind. The callback must not dispose the stream.
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent)
    {
        ArgumentNullException.ThrowIfNull(writeContent);
        WriteThroughTempFile(path, writeContent, static (stream, callback) => callback(stream));
    }

    // The state parameter lets WriteAllBytes pass its span through without copying it to the heap first.
    private delegate void ContentWriter<TState>(Stream stream, TState state)
        where TState : allows ref struct;

    private static void WriteThroughTempFile<TState>(string path, TState state, ContentWriter<TState> writeContent)
        where TState : allows ref struct
    {
        string finalPath = ResolveFinalPath(path);
        string tempPath = CreateTempPath(finalPath);
        try
        {
            using (FileStream stream = OpenTempFile(tempPath))
            {
                writeContent(stream, state);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, finalPath, overwrite: true);
        }
        catch
        {
            DeleteQuietly(tempPath);
            throw;
        }
    }

    private static string ResolveFinalPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
            throw new IOException($"{path}: cannot write the file because a directory with that name exists.");
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new IOException($"{path}: the path names a root directory, not a file.");
        Directory.CreateDirectory(directory);
        return fullPath;
    }

    // Hidden (leading dot), tied to this process, and random, so concurrent writers of the same file never share
    // a temp file and a leftover from a killed process is recognisable as debris next to the file it belongs to.
    private static string CreateTempPath(string finalPath)
    {
        string directory = Path.GetDirectoryName(finalPath)!;
        string name = Path.GetFileName(finalPath);
        string random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return Path.Combine(directory, $".{name}.tmp-{Environment.ProcessId}-{random}");
    }

    // CreateNew: never open (and truncate) a file someone else is writing, however unlikely a name collision is.
    private static FileStream OpenTempFile(string tempPath) =>
        new(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024);

    // Called while an exception is already propagating: a failure to clean up must not replace the original error.
    private static void DeleteQuietly(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
