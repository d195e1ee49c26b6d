using System.IO;
using System.Text;
using System.Text.Json;

namespace Conformance.Backend.CSharp;

/// <summary>What one batch program did: its printed text and its uncaught error (<c>Type: message</c>), or why it was refused.</summary>
public sealed record BatchResult(string Output, string? Error, string? Refused)
{
    /// <summary>The JSON line of batch mode: <c>{"output": ..., "error": ...}</c> (plus <c>"refused"</c> when refused).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("output", Output);
            if (Error is null)
                w.WriteNull("error");
            else
                w.WriteString("error", Error);
            if (Refused is not null)
                w.WriteString("refused", Refused);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
