using Fulfilment.Catalogue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fulfilment.Listings;

/// <summary>Registers listings: link and sync steps, their fan-out (also told of catalogue changes) and export links.</summary>
public static class ListingsRegistration
{
    public static IServiceCollection AddListings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ListingsOptions>().Bind(configuration.GetSection(ListingsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ListingPartners>();
        services.TryAddSingleton<ListingRuns>();
        services.TryAddSingleton<LinkListingsStep>();
        services.TryAddSingleton<SyncListingsStep>();
        services.TryAddSingleton<ListingFanOut>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICatalogueChangeListener, ListingFanOut>(sp => sp.GetRequiredService<ListingFanOut>()));
        services.TryAddSingleton<ExportLinks>();
        return services;
    }
}
