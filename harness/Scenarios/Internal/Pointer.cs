namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Builds RFC 6901 JSON pointers.</summary>
internal static class Pointer
{
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
