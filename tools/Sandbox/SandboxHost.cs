using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sandbox.BigCommerce;
using Sandbox.ClickAndDrop;
using Sandbox.Ecomdash;
using Sandbox.Ekart;
using Sandbox.Ekm;

namespace Sandbox;

/// <summary>
/// Hosts every partner simulator on one loopback port, each under its own path prefix, so pointing the pipeline at a
/// real partner is a base-URL change. Tests and the demo start it in-process and drive the simulators' state directly.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, string baseUrl, BigCommerceSimulator bigCommerce, ClickAndDropSimulator clickAndDrop,
        EkmSimulator ekm, EkartSimulator ekart, EcomdashSimulator ecomdash)
    {
        _app = app;
        BaseUrl = baseUrl;
        BigCommerce = bigCommerce;
        ClickAndDrop = clickAndDrop;
        Ekm = ekm;
        Ekart = ekart;
        Ecomdash = ecomdash;
    }

    /// <summary>e.g. http://127.0.0.1:5100 (no trailing slash).</summary>
    public string BaseUrl { get; }
    public BigCommerceSimulator BigCommerce { get; }
    public ClickAndDropSimulator ClickAndDrop { get; }
    public EkmSimulator Ekm { get; }
    public EkartSimulator Ekart { get; }
    public EcomdashSimulator Ecomdash { get; }

    /// <summary>Starts on <paramref name="port"/> (0 = any free port).</summary>
    public static async Task<SandboxHost> StartAsync(int port = 0, bool seedDemo = false, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();

        time ??= TimeProvider.System;
        var bigCommerce = new BigCommerceSimulator(time);
        var clickAndDrop = new ClickAndDropSimulator(time);
        var ekm = new EkmSimulator(time);
        var ekart = new EkartSimulator(time);
        var ecomdash = new EcomdashSimulator(time);
        bigCommerce.MapRoutes(app);
        clickAndDrop.MapRoutes(app);
        ekm.MapRoutes(app);
        ekart.MapRoutes(app);
        ecomdash.MapRoutes(app);

        await app.StartAsync();
        var baseUrl = app.Urls.First().TrimEnd('/');
        var host = new SandboxHost(app, baseUrl, bigCommerce, clickAndDrop, ekm, ekart, ecomdash);
        if (seedDemo)
            DemoSeed.Apply(host);
        return host;
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        BigCommerce.Dispose();
        ClickAndDrop.Dispose();
        Ekm.Dispose();
        Ekart.Dispose();
        Ecomdash.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
