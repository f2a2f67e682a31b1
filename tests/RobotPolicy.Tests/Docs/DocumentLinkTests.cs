using System.Text;
using System.Text.RegularExpressions;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Docs;

/// <summary>
/// The documents a user reads (README.md, docs/*.md, robot-bridge/README.md) stay navigable and written for that user:
/// every relative link reaches a file and, with a #anchor, a heading of it; no document cites issue numbers or "the VM"
/// the project was measured on without naming it; the README stays a short front page.
/// </summary>
public partial class DocumentLinkTests
{
    [Fact]
    public void Every_relative_link_reaches_a_file_and_every_anchor_a_heading()
    {
        var broken = new List<string>();
        foreach (string document in Documents())
        {
            string folder = Path.GetDirectoryName(document)!;
            foreach (var (line, target) in Links(document))
            {
                string? why = Check(document, folder, target);
                if (why is not null)
                {
                    broken.Add($"{Relative(document)}:{line}: {target} ({why})");
                }
            }
        }
        if (broken.Count > 0)
        {
            Assert.Fail($"{broken.Count} broken link(s):\n" + string.Join('\n', broken));
        }
    }

    [Fact]
    public void No_document_mentions_issue_numbers_or_an_unnamed_VM()
    {
        // Measured figures name the kind of machine ("a 2-core AMD EPYC cloud VM"); "the VM" means nothing to a reader,
        // and issue numbers belong to the tracker, not to the documents.
        var offenders = new List<string>();
        foreach (string document in Documents())
        {
            string[] lines = File.ReadAllLines(document);
            for (int i = 0; i < lines.Length; i++)
            {
                if (IssueReference().IsMatch(lines[i]) || UnnamedVm().IsMatch(lines[i]))
                {
                    offenders.Add($"{Relative(document)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }
        if (offenders.Count > 0)
        {
            Assert.Fail($"{offenders.Count} line(s) to rewrite:\n" + string.Join('\n', offenders));
        }
    }

    [Fact]
    public void The_README_is_a_short_front_page()
    {
        // Details belong in docs/; the README is what a new user reads first.
        int lines = File.ReadAllLines(Path.Combine(Repository.Root, "README.md")).Length;
        Assert.True(lines <= 260, $"README.md has {lines} lines; move details to docs/ (at most 260)");
    }

    private static IEnumerable<string> Documents() =>
        new[] { Path.Combine(Repository.Root, "README.md"), Path.Combine(Repository.Root, "robot-bridge", "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Order(StringComparer.Ordinal));

    private static string Relative(string path) => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/');

    /// <summary>Why a link is broken, or null when it is not. External links (any URL scheme) are not followed.</summary>
    private static string? Check(string document, string folder, string target)
    {
        if (UrlScheme().IsMatch(target))
        {
            return null;
        }
        int hash = target.IndexOf('#', StringComparison.Ordinal);
        string path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        string? anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
        string file = path.Length == 0 ? document : Path.GetFullPath(Path.Combine(folder, path));
        if (!File.Exists(file) && !Directory.Exists(file))
        {
            return "no such file";
        }
        if (anchor is null)
        {
            return null;
        }
        if (!file.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return "an anchor into a file that is not Markdown";
        }
        return HeadingSlugs(file).Contains(anchor) ? null : $"no heading with the anchor #{anchor} in {Relative(file)}";
    }

    /// <summary>Each Markdown link's line and target, outside fenced code blocks and inline code spans.</summary>
    private static IEnumerable<(int Line, string Target)> Links(string document)
    {
        foreach (var (line, text) in Prose(document))
        {
            foreach (Match link in MarkdownLink().Matches(CodeSpan().Replace(text, " ")))
            {
                yield return (line, link.Groups["target"].Value);
            }
        }
    }

    /// <summary>The anchors GitHub gives a document's headings (duplicates get -1, -2, ...).</summary>
    private static HashSet<string> HeadingSlugs(string document)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, text) in Prose(document))
        {
            Match heading = Heading().Match(text);
            if (!heading.Success)
            {
                continue;
            }
            string slug = Slug(heading.Groups["text"].Value);
            int count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            slugs.Add(count == 0 ? slug : $"{slug}-{count}");
        }
        return slugs;
    }

    /// <summary>GitHub's rule: lower-case; keep letters, digits, spaces, hyphens and underscores; spaces become hyphens.</summary>
    internal static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (char c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }
        return slug.ToString();
    }

    /// <summary>The document's lines with their numbers, leaving out fenced code blocks (their # lines are not headings).</summary>
    private static IEnumerable<(int Line, string Text)> Prose(string document)
    {
        string? fence = null;
        string[] lines = File.ReadAllLines(document);
        for (int i = 0; i < lines.Length; i++)
        {
            Match opening = Fence().Match(lines[i]);
            if (fence is null && opening.Success)
            {
                fence = opening.Groups["fence"].Value;
            }
            else if (fence is not null)
            {
                if (opening.Success && opening.Groups["fence"].Value.StartsWith(fence, StringComparison.Ordinal) && opening.Groups["info"].Value.Trim().Length == 0)
                {
                    fence = null;
                }
            }
            else
            {
                yield return (i + 1, lines[i]);
            }
        }
    }

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex Fence();

    // A code span: a run of backticks, its content, the same run again (``a `b` c`` included).
    [GeneratedRegex(@"(?<ticks>`+).+?\k<ticks>")]
    private static partial Regex CodeSpan();

    // [text](target) or ![alt](target "title"); the text may hold one level of brackets, e.g. [`a[0]`](x).
    [GeneratedRegex(@"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(?<text>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex UrlScheme();

    [GeneratedRegex(@"\bissues? \d", RegexOptions.IgnoreCase)]
    private static partial Regex IssueReference();

    [GeneratedRegex(@"\b(the|this) (2-core )?VM\b")]
    private static partial Regex UnnamedVm();
}
