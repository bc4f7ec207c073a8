using Fulfilment.Partners;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fulfilment.Carriers.Ekart;

/// <summary>Registers the Ekart carrier.</summary>
public static class EkartRegistration
{
    /// <summary>
    /// Adds options (section "Ekart", validated at start-up), the HttpClient with its resilience pipeline and rate gate,
    /// the token cache, the client, tracking-id allocation, and the carrier with its tracking, cancellation and webhooks.
    /// Needs the storage registrations (IDistributedRateGate, IIdentifierStore, ICarrierAccountStore) and the pipeline's
    /// TrackingEventIntake, registered elsewhere.
    /// </summary>
    public static IServiceCollection AddEkart(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EkartOptions>()
            .Bind(configuration.GetSection(EkartOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EkartOptions>, EkartOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddTransient<EkartRateGateHandler>();
        services.AddHttpClient(EkartClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan) // the pipeline times out
            .AddEkartResilience()
            // Added after the resilience handler, so it runs inside it: once per attempt, retries included.
            .AddHttpMessageHandler<EkartRateGateHandler>();

        services.TryAddSingleton<EkartTokenCache>();
        services.TryAddSingleton<EkartClient>();
        services.TryAddSingleton<EkartTrackingIds>();
        services.TryAddSingleton<EkartCarrier>();
        services.AddSingleton<ICarrier>(sp => sp.GetRequiredService<EkartCarrier>());
        services.AddSingleton<ICarrierTracking, EkartTracking>();
        services.AddSingleton<ICarrierCancellation, EkartCancellation>();
        services.AddSingleton<ICarrierWebhooks, EkartWebhooks>();
        return services;
    }
}
