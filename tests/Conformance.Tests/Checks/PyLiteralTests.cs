using System.Numerics;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Checks;

/// <summary>The repr parser the linearizable invariant reads trace values with: plain data back to values, anything else opaque.</summary>
public sealed class PyLiteralTests
{
    [TestCase("0", "0")]
    [TestCase("-17", "-17")]
    [TestCase("123456789012345678901234567890", "123456789012345678901234567890")]
    [TestCase("1.5", "1.5")]
    [TestCase("-0.0", "-0.0")]
    [TestCase("1e+20", "1e+20")]
    [TestCase("2.5e-07", "2.5e-07")]
    [TestCase("inf", "inf")]
    [TestCase("-inf", "-inf")]
    [TestCase("nan", "nan")]
    [TestCase("None", "None")]
    [TestCase("True", "True")]
    [TestCase("'it''s'", null)]
    [TestCase("'a'", "'a'")]
    [TestCase("\"it's\"", "\"it's\"")]
    [TestCase(@"'a\'b""c'", @"'a\'b""c'")]
    [TestCase(@"'tab\there\nnew \\ \x07 é'", @"'tab\there\nnew \\ \x07 é'")]
    [TestCase("()", "()")]
    [TestCase("(1,)", "(1,)")]
    [TestCase("(1, 'a', None)", "(1, 'a', None)")]
    [TestCase("[]", "[]")]
    [TestCase("[1, [2, [3]], (4,)]", "[1, [2, [3]], (4,)]")]
    [TestCase("{}", "{}")]
    [TestCase("{'b': 1, 'a': [2], 3: {'x': None}}", "{'b': 1, 'a': [2], 3: {'x': None}}")]
    [TestCase("  [1 ,2]  ", "[1, 2]")]
    public void Plain_data_reads_back_to_its_repr(string text, string? repr)
    {
        var value = PyLiteral.TryParse(text, out var error);
        if (repr is null)
            Assert.That(value, Is.Null, "two adjacent string literals are an expression, not a repr");
        else
            Assert.That((value?.Repr(), error), Is.EqualTo((repr, (string?)null)));
    }

    [Test]
    public void Values_keep_their_types()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyLiteral.Parse("123456789012345678901234567890"), Is.InstanceOf<PyValue.IntValue>()
                .With.Property("Value").EqualTo(BigInteger.Parse("123456789012345678901234567890")));
            Assert.That(PyLiteral.Parse("1.0"), Is.InstanceOf<PyValue.FloatValue>());
            Assert.That(PyLiteral.Parse("(1)"), Is.InstanceOf<PyValue.IntValue>(), "parentheses around one value are no tuple");
            Assert.That(PyLiteral.Parse(@"'\u00e9\U0001F600'"), Is.EqualTo(new PyValue.StrValue("é😀")));
        });
    }

    [Test]
    public void Equality_is_of_reprs_and_key_identity_is_pythons()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyLiteral.Parse("1"), Is.Not.EqualTo(PyLiteral.Parse("1.0")));
            Assert.That(PyLiteral.Parse("1"), Is.Not.EqualTo(PyLiteral.Parse("True")));
            Assert.That(PyLiteral.Parse("{'a': 1, 'b': 2}"), Is.Not.EqualTo(PyLiteral.Parse("{'b': 2, 'a': 1}")), "a dict's order shows in its repr");
            Assert.That(PyLiteral.Parse("[1, (2, 'x')]"), Is.EqualTo(PyLiteral.Parse(" [1,(2,'x')] ")));
            Assert.That(PyLiteral.Parse("1").Key(), Is.EqualTo(PyLiteral.Parse("1.0").Key()));
            Assert.That(PyLiteral.Parse("(1, True)").Key(), Is.EqualTo(PyLiteral.Parse("(1.0, 1)").Key()));
            // d[1] then d[True]: one key, spelt as first set.
            Assert.That(((PyValue.DictValue)PyLiteral.Parse("{1: 'a', True: 'b'}")).Repr(), Is.EqualTo("{1: 'b'}"));
        });
    }

    [TestCase("<__main__.Point object at 0x7f3a>", "unexpected '<' at character 1")]
    [TestCase("{1, 2}", "expected ':'")]
    [TestCase("[1, 2", "expected ',' or ']' at character 6")]
    [TestCase("[1,", "expected a value, found the end")]
    [TestCase("'open", "unterminated string")]
    [TestCase("[1 2]", "expected ',' or ']'")]
    [TestCase("Point(1, 2)", "'Point' is not a literal")]
    [TestCase("__import__('os')", "'__import__' is not a literal")]
    [TestCase(@"'\q'", @"unknown escape '\q'")]
    [TestCase("1 + 2", "unexpected text after the value")]
    public void Anything_else_is_opaque_text_with_a_reason(string text, string why)
    {
        Assert.That(PyLiteral.TryParse(text, out var error), Is.Null);
        Assert.That(error, Does.Contain(why));
        Assert.That(PyLiteral.Parse(text), Is.EqualTo(new PyValue.OpaqueValue(text)));
    }

    [Test]
    public void Nesting_is_bounded_not_a_stack_overflow()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        Assert.That(PyLiteral.TryParse(deep, out var error), Is.Null);
        Assert.That(error, Does.StartWith($"nested deeper than {PyLiteral.MaxDepth}"));
        var fine = new string('[', PyLiteral.MaxDepth) + new string(']', PyLiteral.MaxDepth);
        Assert.That(PyLiteral.TryParse(fine, out _)?.Repr(), Is.EqualTo(fine));
    }
}
