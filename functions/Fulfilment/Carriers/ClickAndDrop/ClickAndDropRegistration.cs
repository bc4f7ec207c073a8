using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>Registers the Click &amp; Drop carrier.</summary>
public static class ClickAndDropRegistration
{
    /// <summary>
    /// Adds options (section "ClickAndDrop", validated at start-up), the HttpClient with its resilience pipeline and rate
    /// gate, the client and the carrier (as an <see cref="ICarrier"/>). Needs an <c>IDistributedRateGate</c> registered
    /// elsewhere (Storage).
    /// </summary>
    public static IServiceCollection AddClickAndDrop(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClickAndDropOptions>()
            .Bind(configuration.GetSection(ClickAndDropOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClickAndDropOptions>, ClickAndDropOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddTransient<ClickAndDropRateGateHandler>();
        services.AddHttpClient(ClickAndDropClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan) // the pipeline times out
            .AddClickAndDropResilience()
            // Added after the resilience handler, so it runs inside it: once per attempt, retries included.
            .AddHttpMessageHandler<ClickAndDropRateGateHandler>();

        services.TryAddSingleton<ClickAndDropClient>();
        services.TryAddSingleton<ClickAndDropCarrier>();
        services.AddSingleton<ICarrier>(sp => sp.GetRequiredService<ClickAndDropCarrier>());
        services.TryAddSingleton<ClickAndDropOrderDeletion>();
        services.AddSingleton<ICarrierCancellation, ClickAndDropCancellation>();
        return services;
    }
}
