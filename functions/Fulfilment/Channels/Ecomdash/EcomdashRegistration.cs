using Fulfilment.Channels.Ecomdash;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ecomdash
{
    /// <summary>Checks what data annotations cannot: the export columns parse.</summary>
    internal sealed class EcomdashOptionsValidator : IValidateOptions<EcomdashOptions>
    {
        public ValidateOptionsResult Validate(string? name, EcomdashOptions options) =>
            EcomdashListings.ParseExportColumns(options.ExportColumns) is null
                ? ValidateOptionsResult.Fail($"Ecomdash__ExportColumns must be \"Header:Field\" pairs separated by ',' (fields: {string.Join(", ", Enum.GetNames<ListingField>())}).")
                : ValidateOptionsResult.Success;
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the Ecomdash channel.</summary>
    public static class EcomdashRegistration
    {
        /// <summary>
        /// Binds and validates <see cref="EcomdashOptions"/> (section "Ecomdash", checked at start-up), the HttpClient with
        /// its resilience pipeline (one circuit per merchant) around the throttle handler (the merchant's shared quota and
        /// concurrency slots, across instances) and the attempt timeout, and the channel as an <c>IChannel</c>, a
        /// credential-connected channel and a listings channel. Needs the storage registration (quota, semaphore).
        /// </summary>
        public static IServiceCollection AddEcomdash(this IServiceCollection services, IConfiguration configuration)
        {
            services.AddOptions<EcomdashOptions>()
                .Bind(configuration.GetSection(EcomdashOptions.SectionName))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EcomdashOptions>, EcomdashOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);

            services.AddTransient<EcomdashThrottleHandler>();
            services.AddHttpClient(EcomdashClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan) // the pipelines time out
                .AddEcomdashResilience()
                .AddHttpMessageHandler<EcomdashThrottleHandler>()
                .AddEcomdashAttemptTimeout();

            services.TryAddSingleton<EcomdashClient>();
            services.TryAddSingleton<EcomdashReferenceData>();
            services.TryAddSingleton<EcomdashDespatch>();
            services.TryAddSingleton<EcomdashChannel>();
            services.TryAddSingleton<EcomdashListings>();
            services.AddSingleton<Fulfilment.Channels.IChannel>(sp => sp.GetRequiredService<EcomdashChannel>());
            services.AddSingleton<Fulfilment.Channels.IChannelCredentialConnect>(sp => sp.GetRequiredService<EcomdashChannel>());
            services.AddSingleton<Fulfilment.Channels.IChannelListings>(sp => sp.GetRequiredService<EcomdashListings>());
            services.AddSingleton<Fulfilment.Channels.IChannelListingExport>(sp => sp.GetRequiredService<EcomdashListings>());
            return services;
        }
    }
}
