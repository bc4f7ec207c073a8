using System.Net;
using System.Net.Sockets;
using Azure.Identity;
using Fulfilment.Functions.Telemetry;
using Fulfilment.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Fulfilment.DeployTests;

/// <summary>AddFulfilmentTelemetry exports to Application Insights only when a connection string is configured.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public void Without_a_connection_string_no_exporter_is_registered()
    {
        using var provider = Build(new Dictionary<string, string?>());
        Assert.Null(provider.GetService<TracerProvider>());
        Assert.DoesNotContain(provider.GetServices<ILoggerProvider>(), p => p.GetType().FullName!.StartsWith("OpenTelemetry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_connection_string_pipeline_activities_are_exported_to_the_ingestion_endpoint()
    {
        // A loopback stand-in for the ingestion endpoint: what the exporter posts to {IngestionEndpoint}/v2.1/track.
        var port = FreePort();
        using var ingestion = new HttpListener();
        ingestion.Prefixes.Add($"http://127.0.0.1:{port}/");
        ingestion.Start();
        var received = ReceiveUntilAsync(ingestion, "DeployTestsStep");

        // Statsbeat would call a Microsoft endpoint: not from a test.
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "true");
        using var provider = Build(new Dictionary<string, string?>
        {
            [TelemetrySettings.ConnectionStringKey] = $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:{port}/",
        });
        var tracer = provider.GetService<TracerProvider>();
        Assert.NotNull(tracer);
        Assert.Contains(provider.GetServices<ILoggerProvider>(), p => p.GetType().FullName!.StartsWith("OpenTelemetry", StringComparison.Ordinal));

        using (PipelineTracing.StartStep("DeployTestsStep", null))
        {
        }
        Assert.True(tracer.ForceFlush(10_000));

        var body = await received.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("DeployTestsStep", body);
    }

    [Fact]
    public void Entra_authentication_uses_the_user_assigned_identity_the_setting_names()
    {
        Assert.IsType<ManagedIdentityCredential>(TelemetrySettings.CredentialFrom("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD"));
        Assert.IsType<ManagedIdentityCredential>(TelemetrySettings.CredentialFrom("Authorization=AAD"));
        Assert.Null(TelemetrySettings.CredentialFrom("ClientId=11111111-2222-3333-4444-555555555555"));
        Assert.Null(TelemetrySettings.CredentialFrom(null));
        Assert.Null(TelemetrySettings.From(_ => null));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFulfilmentTelemetry(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Answers every post like the ingestion endpoint would, until one carries the marker.</summary>
    private static async Task<string> ReceiveUntilAsync(HttpListener listener, string marker)
    {
        while (true)
        {
            var context = await listener.GetContextAsync();
            var body = await ReadBodyAsync(context.Request);
            context.Response.StatusCode = 200;
            context.Response.Close();
            if (body.Contains(marker, StringComparison.Ordinal))
                return body;
        }
    }

    private static async Task<string> ReadBodyAsync(HttpListenerRequest request)
    {
        Stream stream = request.InputStream;
        // The exporter gzips its payload.
        if (string.Equals(request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
            stream = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
