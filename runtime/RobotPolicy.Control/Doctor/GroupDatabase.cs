using System.Globalization;

namespace RobotPolicy.Control.Doctor;

/// <summary>The group database (/etc/group): names, ids and listed members.</summary>
internal sealed class GroupDatabase
{
    private readonly List<(string Name, uint Id, string[] Members)> groups = [];

    public static GroupDatabase Read(string path)
    {
        var db = new GroupDatabase();
        try
        {
            if (!File.Exists(path))
            {
                return db;
            }
            foreach (string line in File.ReadLines(path))
            {
                // name:password:gid:member,member
                string[] fields = line.Split(':');
                if (fields.Length >= 4 && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint id))
                {
                    db.groups.Add((fields[0], id, fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No database: groups are shown by number.
        }
        return db;
    }

    public string NameOf(uint id) => groups.FirstOrDefault(g => g.Id == id).Name ?? id.ToString(CultureInfo.InvariantCulture);

    public uint? IdOf(string name) => groups.Any(g => g.Name == name) ? groups.First(g => g.Name == name).Id : null;

    public bool Lists(string group, string user) => groups.Any(g => g.Name == group && g.Members.Contains(user, StringComparer.Ordinal));
}
