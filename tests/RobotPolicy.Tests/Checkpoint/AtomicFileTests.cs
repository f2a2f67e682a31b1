using System.Text;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Checkpoint;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteAllBytes_writes_exactly_the_given_bytes()
    {
        string path = _dir.File("weights.bin");
        byte[] content = [0, 1, 2, 255, 128, 7];

        AtomicFile.WriteAllBytes(path, content);

        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(["weights.bin"], _dir.FileNames());
    }

    [Fact]
    public void WriteAllBytes_accepts_empty_content()
    {
        string path = _dir.File("empty.bin");

        AtomicFile.WriteAllBytes(path, []);

        Assert.Empty(File.ReadAllBytes(path));
    }

    [Fact]
    public void WriteAllText_writes_utf8_without_byte_order_mark()
    {
        string path = _dir.File("model.json");

        AtomicFile.WriteAllText(path, "{\"name\":\"bras articulé\"}");

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(Encoding.UTF8.GetBytes("{\"name\":\"bras articulé\"}"), bytes);
        Assert.NotEqual(0xEF, bytes[0]);
    }

    [Fact]
    public void Write_passes_a_stream_whose_content_becomes_the_file()
    {
        string path = _dir.File("stream.bin");

        AtomicFile.Write(path, stream =>
        {
            stream.Write([1, 2, 3]);
            stream.WriteByte(4);
        });

        Assert.Equal(new byte[] { 1, 2, 3, 4 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_goes_through_a_hidden_temp_file_in_the_same_directory()
    {
        string path = _dir.File("checkpoint.safetensors");
        string? tempName = null;

        AtomicFile.Write(path, stream =>
        {
            string tempPath = ((FileStream)stream).Name;
            Assert.Equal(_dir.Path, Path.GetDirectoryName(tempPath));
            tempName = Path.GetFileName(tempPath);
            Assert.False(File.Exists(path), "the final name must not exist before the content is complete");
        });

        Assert.NotNull(tempName);
        Assert.StartsWith($".checkpoint.safetensors.tmp-{Environment.ProcessId}-", tempName, StringComparison.Ordinal);
        Assert.Equal(["checkpoint.safetensors"], _dir.FileNames());
    }

    [Fact]
    public void Writing_replaces_an_existing_file()
    {
        string path = _dir.File("latest.txt");
        AtomicFile.WriteAllText(path, "a much longer first version of the file");

        AtomicFile.WriteAllText(path, "v2");

        Assert.Equal("v2", File.ReadAllText(path));
        Assert.Equal(["latest.txt"], _dir.FileNames());
    }

    [Fact]
    public void A_writer_that_throws_leaves_the_previous_file_intact_and_no_temp_file()
    {
        string path = _dir.File("weights.safetensors");
        AtomicFile.WriteAllText(path, "previous checkpoint");

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("half of the new"));
            throw new InvalidOperationException("trainer crashed mid-write");
        }));

        Assert.Equal("trainer crashed mid-write", error.Message);
        Assert.Equal("previous checkpoint", File.ReadAllText(path));
        Assert.Equal(["weights.safetensors"], _dir.FileNames());
    }

    [Fact]
    public void A_writer_that_throws_on_a_new_file_leaves_nothing_behind()
    {
        string path = _dir.File("never.bin");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, _ => throw new IOException("disk full")));

        Assert.Empty(_dir.FileNames());
    }

    [Fact]
    public void Missing_parent_directories_are_created()
    {
        string path = Path.Combine(_dir.Path, "runs", "2024-06-01", "step-100.bin");

        AtomicFile.WriteAllBytes(path, [42]);

        Assert.Equal(new byte[] { 42 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_path_naming_an_existing_directory_is_rejected_with_the_path_in_the_message()
    {
        string path = _dir.File("subdir");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<IOException>(() => AtomicFile.WriteAllBytes(path, [1]));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("directory", error.Message, StringComparison.Ordinal);
        Assert.Equal(["subdir"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Blank_paths_are_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => AtomicFile.WriteAllBytes(" ", [1]));
        Assert.ThrowsAny<ArgumentException>(() => AtomicFile.WriteAllText("", "x"));
    }
}
