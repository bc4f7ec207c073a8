using Fulfilment.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fulfilment.Pipeline;

/// <summary>Registers the pipeline steps. Channels, carriers and storage register themselves.</summary>
public static class PipelineRegistration
{
    public static IServiceCollection AddFulfilmentPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PartnerRegistry>();
        services.AddSingleton<PollChannelsStep>();
        services.AddSingleton<PollConnectionStep>();
        services.AddSingleton<OrderRecorder>();
        services.AddSingleton<OrderHints>();
        services.AddSingleton<ImportOrderStep>();
        services.AddMemoryCache();
        services.AddSingleton<CachedSettings>();
        services.AddSingleton<OrderPlanning>();
        services.AddSingleton<NormaliseOrderStep>();
        services.AddSingleton<CreateShipmentsStep>();
        services.AddSingleton<SyncCarrierStatusStep>();
        services.AddSingleton<WriteBackStep>();
        services.AddSingleton<DespatchWriteBacks>();
        services.AddSingleton<RetryWriteBacksStep>();
        services.AddSingleton<SweepPoisonStep>();
        services.AddOptions<Failures.FailureOptions>().Bind(configuration.GetSection(Failures.FailureOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Failures.FailureOverview>();
        services.AddSingleton<OrderReplay>();
        services.AddOptions<ConnectionsOptions>().Bind(configuration.GetSection(ConnectionsOptions.Section));
        services.AddSingleton<ConnectionInstaller>();
        services.AddSingleton<CredentialFailures>();
        services.AddSingleton<OAuthStates>();
        // Tracking events (carrier webhooks and the silent-shipment poll) and cancellations.
        services.AddOptions<Tracking.TrackingOptions>().Bind(configuration.GetSection(Tracking.TrackingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OrderDespatcher>();
        services.AddSingleton<Tracking.TrackingEventIntake>();
        services.AddSingleton<Tracking.ApplyTrackingStep>();
        services.AddSingleton<Tracking.TrackSilentShipmentsStep>();
        services.AddSingleton<Cancellation.OrderCancellation>();
        services.AddSingleton<Cancellation.CancelOrderStep>();
        services.AddSingleton<Cancellation.ChannelCancellationScan>();
        Listings.ListingsRegistration.AddListings(services, configuration);
        return services;
    }
}
