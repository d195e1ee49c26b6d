using Microsoft.Playwright;

namespace Conformance.Browser.Tests;

/// <summary>One headless Debian chromium for every test of the assembly, driven by Playwright (no browser download).</summary>
[SetUpFixture]
public sealed class BrowserSession
{
    /// <summary>Debian's chromium, which <c>scripts/setup</c> installs (<c>apt-get install -y chromium</c>); <c>CONFORMANCE_CHROMIUM</c> names another.</summary>
    public static readonly string Chromium = Environment.GetEnvironmentVariable("CONFORMANCE_CHROMIUM") is { Length: > 0 } other ? other : "/usr/bin/chromium";

    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static string? _failure;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (!File.Exists(Chromium))
        {
            _failure = $"Debian's chromium is not installed ({Chromium} is missing): run scripts/setup, which installs it (apt-get install -y chromium)";
            return;
        }
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Timeout = 60_000,
                // Root in a sandbox-less container; this machine's network is closed, so Chromium's background
                // connections (updates, sync, QUIC) are turned off rather than refused one by one.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
        }
        catch (PlaywrightException e)
        {
            _failure = $"{Chromium} did not start under Playwright: {e.Message}; scripts/setup installs a chromium that does";
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>A new page at 1400×900 (its context is closed with the test), or a failed test saying how to get chromium.</summary>
    public static async Task<IPage> NewPageAsync()
    {
        if (_browser is null)
            Assert.Fail(_failure ?? "the browser was not started");
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        // Every wait in a test is bounded.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a screenshot of <paramref name="target"/> as a test artifact (attached to the result, kept under artifacts/).</summary>
    public static async Task<string> ScreenshotAsync(ILocator target, string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await target.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        TestContext.AddTestAttachment(path, name);
        return path;
    }
}
