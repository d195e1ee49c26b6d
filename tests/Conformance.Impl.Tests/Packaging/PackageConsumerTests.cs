using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Packaging;

/// <summary>
/// impl as a consumer sees it: `dotnet pack` of impl into a folder feed, a fresh console app outside the repository
/// that references the package (no project reference), impl/README.md's package example compiled as it stands and
/// run, so its children are real processes spawned from someone else's program.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(240_000)]
public sealed class PackageConsumerTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
    private const string PackageId = "Conformance.Multiprocessing";

    private string _root = "";
    private string _work = "";
    private string _app = "";
    private string _version = "";

    [OneTimeSetUp]
    public async Task PackAndBuildConsumer()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(200));
        _root = FindRepositoryRoot();
        _work = Directory.CreateTempSubdirectory("conformance-package-").FullName;
        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        _app = Directory.CreateDirectory(Path.Combine(_work, "app")).FullName;

        // The test project has already built impl in this configuration: pack that build, as CI would after its build.
        var impl = Path.Combine(_root, "impl", "Conformance.Multiprocessing.csproj");
        await Dotnet(_root, cts.Token, "pack", impl, "-c", Configuration, "--no-build", "-o", feed);
        var nupkg = Directory.GetFiles(feed, PackageId + ".*.nupkg").Single(f => !f.EndsWith(".snupkg", StringComparison.Ordinal));
        _version = Path.GetFileNameWithoutExtension(nupkg)[(PackageId.Length + 1)..];
        Assert.That(_version, Does.Match(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"), "the package version is SemVer");
        Assert.That(Directory.GetFiles(feed, "*.snupkg"), Has.Length.EqualTo(1), "a symbols package is produced");

        // A consumer knows nothing of this repository: empty Directory.Build/Packages files stop MSBuild's upward
        // search, and nuget.config lists only the feed (and this machine's offline folder, for anything else).
        File.WriteAllText(Path.Combine(_app, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_app, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(_app, "Directory.Packages.props"), "<Project />\n");
        var offline = Directory.Exists("/opt/nuget/packages") ? "    <add key=\"offline\" value=\"/opt/nuget/packages\" />\n" : "";
        File.WriteAllText(Path.Combine(_app, "nuget.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n"
            + $"    <add key=\"feed\" value=\"{feed}\" />\n{offline}  </packageSources>\n</configuration>\n");
        File.WriteAllText(Path.Combine(_app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- Its own package folder: the global one may hold an older build under the same version. -->
                <RestorePackagesPath>packages</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageId}" Version="[{_version}]" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_app, "Program.cs"), ReadmeExample(_root));
        await Dotnet(_app, cts.Token, "build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false");
    }

    [OneTimeTearDown]
    public void RemoveWorkFolder()
    {
        if (_work.Length > 0 && Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    [Test]
    public void PackageHoldsReadmeLicenceAndXmlDocs()
    {
        var package = Path.Combine(_app, "packages", PackageId.ToLowerInvariant(), _version);
        Assert.That(File.Exists(Path.Combine(package, "README.md")), "README.md in the package");
        Assert.That(File.ReadAllText(Path.Combine(package, "LICENSE")), Does.StartWith("MIT License"));
        Assert.That(File.Exists(Path.Combine(package, "lib", "net10.0", PackageId + ".xml")), "XML docs in the package");
        Assert.That(File.Exists(Path.Combine(package, "lib", "net10.0", PackageId + ".dll")), "the portable assembly in lib/");
        var nuspec = File.ReadAllText(Path.Combine(package, PackageId.ToLowerInvariant() + ".nuspec"));
        Assert.That(nuspec, Does.Contain("<license type=\"expression\">MIT</license>"));
        Assert.That(nuspec, Does.Contain("<readme>README.md</readme>"));
    }

    [Test]
    public async Task ReadmeExampleRunsInRealChildProcesses(CancellationToken token)
    {
        var exe = Path.Combine(_app, "bin", "Release", "net10.0", "app");
        var result = await Run(Cli.Wrap(exe).WithWorkingDirectory(_app), token);
        Assert.That(result.ExitCode, Is.EqualTo(0), Describe(result));
        Assert.That(result.StandardError, Is.Empty, Describe(result));

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var main = lines.Select(l => Regex.Match(l, @"^main pid (\d+) sum (\d+)$")).Single(m => m.Success);
        Assert.That(main.Groups[2].Value, Is.EqualTo("14"), "1 + 4 + 9, put by the children");
        var children = lines.Select(l => Regex.Match(l, @"^(Process-\d) pid (\d+) squares (\d)$")).Where(m => m.Success).ToList();
        Assert.That(children.Select(m => m.Groups[3].Value).Order(), Is.EqualTo(new[] { "1", "2", "3" }), Describe(result));
        Assert.That(children.Select(m => m.Groups[1].Value).Order(), Is.EqualTo(new[] { "Process-1", "Process-2", "Process-3" }));
        var pids = children.Select(m => m.Groups[2].Value).Append(main.Groups[1].Value).ToList();
        Assert.That(pids.Distinct().Count(), Is.EqualTo(4), "each child is a process of its own: " + string.Join(", ", pids));
        Assert.That(lines.Where(l => l.EndsWith(" exitcode 0", StringComparison.Ordinal)).Count(), Is.EqualTo(3), Describe(result));
        Assert.That(lines, Has.Length.EqualTo(7), Describe(result));
    }

    [Test]
    public async Task WithoutStartupHooksStartFailsWithAProcessError(CancellationToken token)
    {
        // What a trimmed app (and, through RuntimeFeature.IsDynamicCodeSupported, a NativeAOT one) runs under: the
        // runtime skips DOTNET_STARTUP_HOOKS, so a child would run Main again instead of its target.
        var bin = Path.Combine(_app, "bin", "Release", "net10.0");
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(bin, "app.runtimeconfig.json")))!;
        var options = config["runtimeOptions"]!.AsObject();
        if (options["configProperties"] is not JsonObject properties) options["configProperties"] = properties = new JsonObject();
        properties["System.StartupHookProvider.IsSupported"] = false;
        var noHooks = Path.Combine(_work, "nohooks.runtimeconfig.json");
        File.WriteAllText(noHooks, config.ToJsonString());

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(token);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        var run = Cli.Wrap("dotnet").WithArguments(["exec", "--runtimeconfig", noHooks, Path.Combine(bin, "app.dll")])
            .WithWorkingDirectory(_app).WithEnvironmentVariables(CleanEnvironment()).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cts.Token);
        var pid = run.ProcessId;
        var result = await run;
        Assert.That(result.ExitCode, Is.Not.EqualTo(0), Describe(result));
        // The example creates a Queue and a Lock before it starts a child: the failure must come before any named
        // semaphore exists, or the unhandled exception (no exit hooks run) would leave it in /dev/shm for good.
        Assert.That(Directory.GetFiles("/dev/shm", $"*mp-{pid}-*"), Is.Empty, "named objects left by the failed program");
        Assert.That(result.StandardError, Does.Contain("Multiprocessing.ProcessError: cannot start a child process from MainProcess#"), Describe(result));
        Assert.That(result.StandardError, Does.Contain("startup hooks are disabled in this program"), Describe(result));
        Assert.That(result.StandardOutput, Does.Not.Contain("squares"), "no child ran: " + Describe(result));
    }

    [Test]
    [Explicit("a NativeAOT publish takes a minute or more and fetches the ILCompiler package from nuget.org; run it by name")]
    public async Task UnderNativeAotStartFailsWithAProcessError(CancellationToken token)
    {
        var feed = Path.Combine(_work, "feed");
        var aot = Path.Combine(_work, "aot");
        // impl is not AOT-safe and says so (IL2104/IL3053 and the IL3000s, warnings a consumer sees at publish), so
        // warnings stay warnings here: what is under test is the run of the published program.
        await Dotnet(_app, token, "publish", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-p:TreatWarningsAsErrors=false", "-o", aot,
            "--disable-build-servers", "-nodeReuse:false", "--source", feed, "--source", "https://api.nuget.org/v3/index.json");
        var result = await Run(Cli.Wrap(Path.Combine(aot, "app")).WithWorkingDirectory(_app), token);
        Assert.That(result.ExitCode, Is.Not.EqualTo(0), Describe(result));
        Assert.That(result.StandardError, Does.Contain("Multiprocessing.ProcessError: cannot start a child process from MainProcess#"), Describe(result));
        Assert.That(result.StandardError, Does.Contain("compiled ahead of time (NativeAOT)"), Describe(result));
        Assert.That(result.StandardOutput, Does.Not.Contain("squares"), "no child ran: " + Describe(result));
    }

    private static async Task<BufferedCommandResult> Run(Command command, CancellationToken token)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(token);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        return await command.WithEnvironmentVariables(CleanEnvironment()).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cts.Token);
    }

    private static async Task Dotnet(string directory, CancellationToken token, params string[] args)
    {
        var result = await Cli.Wrap("dotnet").WithArguments(args).WithWorkingDirectory(directory)
            .WithEnvironmentVariables(CleanEnvironment()).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(token);
        if (result.ExitCode != 0) Assert.Fail($"dotnet {string.Join(' ', args)} failed in {directory}: {Describe(result)}");
    }

    /// <summary>The test host's MSBuild and startup-hook variables are this run's, not a consumer's.</summary>
    private static IReadOnlyDictionary<string, string?> CleanEnvironment()
    {
        var env = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_STARTUP_HOOKS"] = null,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        };
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.Ordinal)
                || key.StartsWith("CONFORMANCE_MP_", StringComparison.Ordinal))
                env[key] = null;
        return env;
    }

    private static string Describe(BufferedCommandResult r) =>
        $"exit code {r.ExitCode}\n--- stdout\n{r.StandardOutput}\n--- stderr\n{r.StandardError}";

    /// <summary>The block under impl/README.md's package-example marker, compiled as the README shows it.</summary>
    private static string ReadmeExample(string root)
    {
        var readme = File.ReadAllText(Path.Combine(root, "impl", "README.md"));
        var m = Regex.Match(readme, @"<!-- package-example:[^\n]*-->\n```csharp\n(.*?)\n```", RegexOptions.Singleline);
        Assert.That(m.Success, "impl/README.md has the package example under its marker");
        return m.Groups[1].Value + "\n";
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Conformance.sln above {AppContext.BaseDirectory}");
    }
}
