using System.Text.Json;
using System.Xml.Linq;
using Conformance.Harness.Backends;
using Conformance.Tests.Running;

namespace Conformance.Tests.Cli;

/// <summary><c>run --python</c> given several times (paths or versions): a CPython column each; and <c>run --shard</c>.</summary>
[NonParallelizable] // Console output is redirected.
public sealed class PythonMatrixOptionTests
{
    [Test]
    public async Task A_missing_interpreter_path_is_a_usage_error_before_anything_runs()
    {
        var result = await Cli.RunAsync("run", "--backend", "cpython", "--python", "/nonexistent/python3.13");

        Assert.That(result.Code, Is.EqualTo(2), result.Stdout + result.Stderr);
        Assert.That(result.Stderr, Does.StartWith("error: ").And.Contain("'/nonexistent/python3.13' does not exist"));
        Assert.That(result.Stdout, Is.Empty, "nothing ran");
    }

    [Test]
    public async Task A_version_that_no_interpreter_has_is_a_usage_error_naming_the_candidates()
    {
        var result = await Cli.RunAsync("run", "--backend", "cpython", "--python", "3.99");

        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("--python 3.99: no interpreter under").And.Contain("/usr/bin/python3.99").And.Contain("the ones there are:"));
    }

    [Test]
    public async Task An_interpreter_pythonnet_cannot_load_is_refused_once_up_front_with_the_reason()
    {
        var old = Directory.Exists(Path.Combine(PyenvVersions(), "3.10.13")) ? "3.10" : null;
        Assume.That(old, Is.Not.Null, "no CPython 3.10 under pyenv on this machine");

        var result = await Cli.RunAsync("run", "--backend", "cpython", "--python", old!);

        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("pythonnet 3.2.1 cannot load").And.Contain("3.11"));
        Assert.That(result.Stdout, Is.Empty, "refused before any scenario ran");
    }

    [TestCase("0/2")]
    [TestCase("3/2")]
    [TestCase("half")]
    public async Task A_bad_shard_is_a_usage_error(string shard)
    {
        var result = await Cli.RunAsync("run", "--shard", shard);

        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.StartWith("error: --shard: a shard is i/n"));
    }

    [Test]
    public async Task Two_pythons_are_two_columns_in_the_table_json_junit_and_html_and_only_the_first_is_the_reference()
    {
        string first, second;
        try
        {
            (first, second) = (PythonInstallation.Locate("3.11"), PythonInstallation.Locate("3.13"));
        }
        catch (PythonNotFoundException e)
        {
            Assert.Ignore($"needs CPython 3.11 and 3.13 on this machine: {e.Message}");
            return;
        }
        using var suite = new TempSuite();
        suite.Write("demo/hello", """
            description: Prints one line.
            features: [print]
            main:
              - print: [hello]
            """);
        var (json, junit, html) = (Path.Combine(suite.Root, "r.json"), Path.Combine(suite.Root, "r.xml"), Path.Combine(suite.Root, "r.html"));

        var result = await Cli.RunAsync(TimeSpan.FromSeconds(120), "run", "--root", suite.Root, "--backend", "cpython",
            "--python", "3.11", "--python", second, "--json", json, "--junit", junit, "--html", html);

        var v11 = (await PythonInstallation.DiscoverAsync(first)).Version;
        var v13 = (await PythonInstallation.DiscoverAsync(second)).Version;
        var (b11, b13) = ($"cpython-{v11}", $"cpython-{v13}");
        Assert.Multiple(() =>
        {
            Assert.That(result.Stdout, Does.Contain($"scenario    {b11}  {b13}"), result.Stdout + result.Stderr);
            using var report = JsonDocument.Parse(File.ReadAllText(json));
            Assert.That(report.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("backend").GetString()), Is.EqualTo(new[] { b11, b13 }));
            Assert.That(XDocument.Load(junit).Root!.Elements("testsuite").Select(s => (string?)s.Attribute("name")), Is.EqualTo(new[] { b11, b13 }));
            var page = File.ReadAllText(html);
            Assert.That(page, Does.Contain($"<th data-backend=\"{b11}\">").And.Contain($"<th data-backend=\"{b13}\">"));
            // No verified snapshot yet: the reference writes what accept promotes, the other CPython a file accept refuses.
            Assert.That(File.Exists(Path.Combine(suite.Paths.Expected, "demo", "hello.received.txt")), "the reference's received snapshot");
            Assert.That(File.Exists(Path.Combine(suite.Paths.Expected, "demo", $"hello.{b13}.received.txt")), "the second CPython's received snapshot");
        });
    }

    [Test]
    public async Task The_same_version_twice_is_a_usage_error()
    {
        try
        {
            PythonInstallation.Locate("3.11");
        }
        catch (PythonNotFoundException e)
        {
            Assert.Ignore($"needs CPython 3.11 on this machine: {e.Message}");
        }
        var result = await Cli.RunAsync("run", "--backend", "cpython", "--python", "3.11", "--python", PythonInstallation.Locate("3.11"));

        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("are both CPython 3.11"));
    }

    private static string PyenvVersions() =>
        Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root ? root : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"), "versions");
}
