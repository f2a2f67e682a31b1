using System.Xml;
using System.Xml.Linq;

namespace RobotPolicy.Cli.Experiments.Report;

/// <summary>
/// Builds the report as an XML tree and writes it as HTML that is also well-formed XML: escaping comes from the XML
/// writer, and the page can be checked by parsing it.
/// </summary>
internal static class Html
{
    private static readonly HashSet<string> VoidElements = ["meta", "br", "hr", "img", "link", "col"];

    /// <summary>An element; a non-void HTML element is never written self-closed (&lt;td/&gt; would open a cell that never closes).</summary>
    public static XElement El(string name, params object?[] content)
    {
        var element = new XElement(name, content);
        if (!VoidElements.Contains(name) && element.IsEmpty)
        {
            element.Value = "";
        }
        return element;
    }

    public static XAttribute Class(string name) => new("class", name);

    public static string Write(XElement html)
    {
        using var text = new StringWriter();
        text.Write("<!DOCTYPE html>\n");
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true }))
        {
            html.WriteTo(xml);
        }
        text.Write('\n');
        return text.ToString();
    }
}
