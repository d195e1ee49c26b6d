using Conformance.Harness.Backends;

namespace Conformance.Tests.Backends;

public sealed class PythonInstallationTests
{
    [Test]
    public async Task Finds_an_interpreter_and_its_shared_libpython_on_this_machine()
    {
        var python = await PythonInstallation.DiscoverAsync();

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(python.Executable), python.Executable);
            Assert.That(Path.GetFileName(python.LibPython), Does.StartWith("libpython3"));
            Assert.That(File.Exists(python.LibPython), python.LibPython);
            Assert.That(python.Version, Does.Match(@"^3\.\d+\.\d+$"));
        });
    }

    [Test]
    public void A_missing_interpreter_is_reported_with_what_to_install()
    {
        var e = Assert.ThrowsAsync<PythonNotFoundException>(() => PythonInstallation.DiscoverAsync("/nonexistent/python3"));

        Assert.That(e!.Message, Does.Contain("/nonexistent/python3").And.Contain("apt-get install python3 libpython3-dev"));
    }

    [Test]
    public void An_interpreter_that_is_not_python_is_rejected()
    {
        var e = Assert.ThrowsAsync<PythonNotFoundException>(() => PythonInstallation.DiscoverAsync("/bin/false"));

        Assert.That(e!.Message, Does.Contain("failed to report its configuration"));
    }
}
