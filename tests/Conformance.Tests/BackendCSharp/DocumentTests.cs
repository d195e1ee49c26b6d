using Conformance.Backend.CSharp;

namespace Conformance.Tests.BackendCSharp;

/// <summary>The C# interpreter's reading of a scenario document: JSON numbers keep their Python type.</summary>
public sealed class DocumentTests
{
    [Test]
    public void Json_numbers_keep_their_python_type()
    {
        var doc = (List<object?>)Document.Parse("[2, 2.0, 0.5, true, null, \"x\"]")!;
        Assert.That(doc, Is.EqualTo(new object?[] { 2L, 2.0, 0.5, true, null, "x" }));
        Assert.That(doc[0], Is.TypeOf<long>());
        Assert.That(doc[1], Is.TypeOf<double>());
    }
}
