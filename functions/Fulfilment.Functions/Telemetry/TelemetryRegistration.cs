using Azure.Monitor.OpenTelemetry.Exporter;
using Fulfilment.Pipeline;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Fulfilment.Functions.Telemetry;

/// <summary>
/// Structured logs and OpenTelemetry traces to Application Insights through the Azure Monitor exporter. The pipeline's
/// step activities (<see cref="PipelineTracing.SourceName"/>) carry the trace id a queue message brought, so App Insights
/// shows one operation id per poll cycle from poll through normalisation to write-back.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>The cloud role name the app reports in Application Insights.</summary>
    public const string ServiceName = "Fulfilment.Functions";

    /// <summary>Adds export to Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set; otherwise adds nothing.</summary>
    public static IServiceCollection AddFulfilmentTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = TelemetrySettings.From(key => configuration[key]);
        if (settings is null)
            return services;

        void Configure(AzureMonitorExporterOptions options)
        {
            options.ConnectionString = settings.ConnectionString;
            // Keep every trace. The exporter's default rate-limited sampler drops spans by arrival rate, which could keep
            // an order's poll but drop its write-back; the ratio sampler decides by trace id, so an operation stays whole.
            options.TracesPerSecond = null;
            options.SamplingRatio = 1.0F;
            // Entra-only ingestion (the component has local auth disabled): the identity holds Monitoring Metrics Publisher.
            if (settings.Credential is not null)
                options.Credential = settings.Credential;
        }

        var openTelemetry = services.AddOpenTelemetry();
        // The worker's own invocation spans (children of the host's trace), its resource attributes, and the
        // capability that tells the host not to report the worker's telemetry a second time.
        openTelemetry.UseFunctionsWorkerDefaults();
        openTelemetry
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(PipelineTracing.SourceName)
                // HTTP functions: the request the host forwarded to the worker.
                .AddAspNetCoreInstrumentation()
                // Partner API calls become dependencies of the step that made them.
                .AddHttpClientInstrumentation()
                .AddAzureMonitorTraceExporter(Configure))
            .WithLogging(
                logging => logging.AddAzureMonitorLogExporter(Configure),
                options =>
                {
                    // Keep the message template's fields (ConnectionId, OrderId...) as custom dimensions.
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                });
        return services;
    }
}
