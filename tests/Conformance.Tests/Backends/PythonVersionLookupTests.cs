using Conformance.Harness.Backends;

namespace Conformance.Tests.Backends;

/// <summary><c>--python 3.13</c>: a version is looked up under <c>$(pyenv root)/versions/3.13*</c>, then as <c>/usr/bin/python3.13</c>.</summary>
[NonParallelizable] // Sets PYENV_ROOT.
public sealed class PythonVersionLookupTests
{
    private string _root = "";
    private string? _oldRoot;

    [SetUp]
    public void FakePyenv()
    {
        _oldRoot = Environment.GetEnvironmentVariable("PYENV_ROOT");
        _root = Directory.CreateTempSubdirectory("pyenv-").FullName;
        foreach (var (version, minor) in new[] { ("3.12.1", "3.12"), ("3.12.4", "3.12"), ("3.13.0", "3.13"), ("3.1.5", "3.1") })
        {
            var bin = Path.Combine(_root, "versions", version, "bin");
            Directory.CreateDirectory(bin);
            File.WriteAllText(Path.Combine(bin, $"python{minor}"), "");
        }
        Environment.SetEnvironmentVariable("PYENV_ROOT", _root);
    }

    [TearDown]
    public void Restore()
    {
        Environment.SetEnvironmentVariable("PYENV_ROOT", _oldRoot);
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void A_version_with_one_match_is_that_interpreter() =>
        Assert.That(PythonInstallation.Locate("3.13"), Is.EqualTo(Path.Combine(_root, "versions", "3.13.0", "bin", "python3.13")));

    [Test]
    public void A_full_version_picks_one_of_several() =>
        Assert.That(PythonInstallation.Locate("3.12.4"), Is.EqualTo(Path.Combine(_root, "versions", "3.12.4", "bin", "python3.12")));

    [Test]
    public void A_version_with_several_matches_is_ambiguous_and_names_them()
    {
        var e = Assert.Throws<PythonNotFoundException>(() => PythonInstallation.Locate("3.12"));

        Assert.That(e!.Message, Does.Contain("ambiguous").And.Contain("3.12.1").And.Contain("3.12.4"));
    }

    [Test]
    public void A_shorter_version_does_not_match_a_longer_minor()
    {
        // 3.1 is 3.1.x, not 3.12 or 3.13.
        Assert.That(PythonInstallation.Locate("3.1"), Is.EqualTo(Path.Combine(_root, "versions", "3.1.5", "bin", "python3.1")));
    }

    [Test]
    public void A_missing_version_names_what_is_installed()
    {
        var e = Assert.Throws<PythonNotFoundException>(() => PythonInstallation.Locate("3.9"));

        Assert.That(e!.Message, Does.Contain("--python 3.9: no interpreter").And.Contain("3.13.0").And.Contain("/usr/bin/python3.9"));
    }

    [Test]
    public void A_path_or_a_command_is_left_as_it_is()
    {
        Assert.That(PythonInstallation.Locate("/opt/python/bin/python3"), Is.EqualTo("/opt/python/bin/python3"));
        Assert.That(PythonInstallation.Locate("python3"), Is.EqualTo("python3"));
    }

    [Test]
    public void A_system_interpreter_is_found_when_pyenv_has_none()
    {
        var minor = Directory.GetFiles("/usr/bin", "python3.*").Select(Path.GetFileName).FirstOrDefault(n => n is not null && System.Text.RegularExpressions.Regex.IsMatch(n, @"^python3\.\d+$"));
        Assume.That(minor, Is.Not.Null, "no /usr/bin/python3.X here");
        var version = minor!["python".Length..];
        Assume.That(Directory.Exists(Path.Combine(_root, "versions", version)), Is.False);

        Assert.That(PythonInstallation.Locate(version), Is.EqualTo($"/usr/bin/{minor}"));
    }
}
