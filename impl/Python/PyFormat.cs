
namespace Multiprocessing.Python;

/// <summary>Python <c>format(value, spec)</c> for the <c>{format}</c> operator; the mini-language is <see cref="PyFormatSpec"/>.</summary>
public static class PyFormat
{
    /// <summary>Python <c>format(value, spec)</c>.</summary>
    public static string Apply(object? value, string spec) => PyFormatSpec.Format(value, spec);
}
