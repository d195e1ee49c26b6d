using System.Diagnostics;
using System.Text;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;
using Conformance.Tests.Running;

namespace Conformance.Tests.Fuzz;

/// <summary>The smallest form of each problem the fuzzers found, kept as plain tests so each stays fixed whatever the seed draws.</summary>
public sealed class FoundByFuzzingTests
{
    [Test]
    public void A_syntax_error_at_the_end_of_a_file_without_a_final_newline_is_placed_on_its_last_line()
    {
        // YamlDotNet adds a line break at the end of the stream and marked the error on line 5, which the file lacks.
        var errors = Yaml.Errors(HostileYaml.Head + "  - print: {a: 1");

        Assert.That(errors.Single(), Does.StartWith($"{Yaml.File}:4:17: YAML syntax error"));
    }

    [Test]
    public void A_document_of_only_a_marker_is_reported_inside_the_file()
    {
        Assert.That(Yaml.Errors("---").Single(), Does.StartWith($"{Yaml.File}:1:4: expected a map of top-level keys"));
    }

    [TestCase("featu\u0013es", @"featu\u0013es")]
    [TestCase("\"fea\\ntures\"", @"fea\ntures")]
    [TestCase("\"fea\\e[31mtures\"", @"fea\u001B[31mtures")]
    [TestCase("fea\u202Etures", @"fea\u202Etures")]
    public void A_control_or_direction_character_quoted_from_the_file_is_escaped_so_the_diagnostic_stays_one_line(string key, string shown)
    {
        var errors = Yaml.Errors($"description: Control characters.\n{key}: [print]\nmain:\n  - pass\n");

        Assert.That(errors, Has.Some.StartWith($"{Yaml.File}:2:1: unknown key '{shown}' in the scenario's top level"));
    }

    [Test]
    public void A_float_beyond_the_range_of_a_double_is_a_located_error_not_an_exception_when_the_document_is_written()
    {
        Yaml.SingleError(HostileYaml.Head + "  - print: [1e400]\n", 4, 13, "float 1e400 is out of the range of a 64-bit float");
    }

    [Test]
    public void A_long_undefined_name_near_a_long_bound_one_is_reported_at_once()
    {
        // "Did you mean" compared the two with a |a| x |b| table: 200,000^2 cells, gigabytes and minutes.
        var name = "n" + new string('a', 200_000);
        var clock = Stopwatch.StartNew();

        var errors = Yaml.Errors(HostileYaml.Head + $"  - set: {name}\n    to: 1\n  - print: [${name}b]\n");

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Count.EqualTo(1));
            Assert.That(errors[0][..30], Is.EqualTo($"{Yaml.File}:6:13: '$nAAAA".Replace("A", "a", StringComparison.Ordinal)));
            Assert.That(errors[0], Does.EndWith("ab' is not defined"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
    }

    [TestCase(new byte[] { 0xFF }, 4, 12)]
    [TestCase(new byte[] { 0xC3, 0x28 }, 4, 12)]
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 }, 4, 12)]
    [TestCase(new byte[] { 0xC0, 0xAF }, 4, 12)]
    public void A_byte_that_is_not_UTF_8_is_reported_where_it_is_instead_of_becoming_a_replacement_character(byte[] bad, int line, int column)
    {
        using var suite = new TempSuite();
        var file = suite.Write("fuzz/bytes", "");
        File.WriteAllBytes(file, [.. Encoding.UTF8.GetBytes(HostileYaml.Head + "  - print: "), .. bad, .. "\n"u8]);

        var e = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(suite.Paths.Scenarios, file))!;

        Assert.That(e.Diagnostics.Single().ToString(), Does.StartWith($"{file}:{line}:{column}: the file is not UTF-8 text here (bytes 0x{Convert.ToHexString(bad)}"));
    }

    [Test]
    public void A_file_in_UTF_16_with_its_byte_order_mark_still_loads()
    {
        using var suite = new TempSuite();
        var file = suite.Write("fuzz/utf16", "");
        File.WriteAllBytes(file, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(HostileYaml.Head + "  - print: [héllo]\n")]);

        Assert.That(ScenarioLoader.Load(suite.Paths.Scenarios, file).Id, Is.EqualTo("fuzz/utf16"));
    }
}
