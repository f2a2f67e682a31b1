using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RobotPolicy.Control.Doctor;

/// <summary>
/// The doctor's report as JSON: <c>{"ok": bool, "counts": {"ok": n, "warn": n, "fail": n, "skip": n}, "checks":
/// [{"name", "status", "finding", "fix"}]}</c>, "ok" being false exactly when some check failed (exit code 1).
/// Written by hand, so no reflection and no serializer context is needed; for a terminal or a file, so quotes and
/// non-ASCII text are left as they are.
/// </summary>
public static class DoctorJson
{
    public static string Serialize(IReadOnlyList<DoctorCheck> checks)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", Doctor.ExitCode(checks) == 0);
            json.WriteStartObject("counts");
            foreach (var status in Enum.GetValues<DoctorStatus>())
            {
                json.WriteNumber(Doctor.StatusName(status), checks.Count(c => c.Status == status));
            }
            json.WriteEndObject();
            json.WriteStartArray("checks");
            foreach (var check in checks)
            {
                json.WriteStartObject();
                json.WriteString("name", check.Name);
                json.WriteString("status", Doctor.StatusName(check.Status));
                json.WriteString("finding", check.Finding);
                if (check.Fix is null)
                {
                    json.WriteNull("fix");
                }
                else
                {
                    json.WriteString("fix", check.Fix);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
