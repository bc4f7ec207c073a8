using Fulfilment.Channels.BigCommerce;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Fulfilment.Channels.BigCommerce
{
    /// <summary>The "bigcommerce" resilience pipeline: what is retried, how long we wait, when the circuit opens.</summary>
    internal static class BigCommerceResilience
    {
        public const string PipelineName = "bigcommerce";

        public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, BigCommerceOptions options)
        {
            // Worst case inside one call: 1 + MaxRetryAttempts attempts of <= 15 s plus waits <= MaxRateLimitWait; capped at 60 s.
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = TimeSpan.FromSeconds(60) });
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = options.MaxRateLimitWait,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context.GetRequestMessage(), args.Outcome, options)),
                DelayGenerator = args => ValueTask.FromResult(BigCommerceRateLimit.RetryDelayFor(args.Outcome.Result, options.HeaderlessRateLimitBackoff)),
            });
            builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "breaker",
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(15),
                // A rate limit is not an outage: only server errors and timeouts open the circuit.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is not { StatusCode: System.Net.HttpStatusCode.TooManyRequests }
                                                            && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            });
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = TimeSpan.FromSeconds(15) });
        }

        /// <summary>
        /// GETs are retried on 429, 5xx and timeouts. Anything else (a shipment POST) only on 429, where BigCommerce did
        /// nothing. A 429 asking for longer than MaxRateLimitWait is not sat out here: it fails as RateLimited for the queue.
        /// </summary>
        internal static bool ShouldRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome, BigCommerceOptions options)
        {
            if (outcome.Result is { StatusCode: System.Net.HttpStatusCode.TooManyRequests } limited)
                return BigCommerceRateLimit.RetryDelayFor(limited, options.HeaderlessRateLimitBackoff) <= options.MaxRateLimitWait;
            if (request is null || request.Method != HttpMethod.Get)
                return false;
            return HttpClientResiliencePredicates.IsTransient(outcome);
        }
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the BigCommerce channel.</summary>
    public static class BigCommerceRegistration
    {
        /// <summary>
        /// Binds and validates <see cref="BigCommerceOptions"/> (section "BigCommerce", checked at start-up), the API client
        /// with its "bigcommerce" resilience pipeline (one circuit per store), the app-install auth, and the channel as an
        /// <c>IChannel</c> singleton.
        /// </summary>
        public static IServiceCollection AddBigCommerce(this IServiceCollection services, IConfiguration configuration)
        {
            services.AddOptions<BigCommerceOptions>()
                .Bind(configuration.GetSection(BigCommerceOptions.SectionName))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<BigCommerceStoreGate>();
            services.TryAddTransient<BigCommerceStoreGateHandler>();

            // The gate is outermost: a wait for the quota window does not eat the attempt or total timeouts.
            services.AddHttpClient(BigCommerceClient.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(3))
                .AddHttpMessageHandler<BigCommerceStoreGateHandler>()
                .AddResilienceHandler(BigCommerceResilience.PipelineName, (builder, context) =>
                {
                    var options = context.ServiceProvider.GetRequiredService<IOptions<BigCommerceOptions>>().Value;
                    BigCommerceResilience.Configure(builder, options);
                })
                // One pipeline (and so one circuit breaker) per store: one store's outage never blocks another.
                .SelectPipelineBy(_ => request => BigCommerceRequest.GetStoreHash(request) ?? "");

            // The token exchange is a single-use code: a timeout, no retries.
            services.AddHttpClient(BigCommerceAppAuth.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));

            services.TryAddSingleton<BigCommerceClient>();
            services.TryAddSingleton<BigCommerceAppAuth>();
            services.TryAddSingleton<BigCommerceChannel>();
            services.AddSingleton<Fulfilment.Channels.IChannel>(sp => sp.GetRequiredService<BigCommerceChannel>());
            services.AddSingleton<Fulfilment.Partners.IChannelCallbacks, BigCommerceCallbacks>();
            services.AddSingleton<Fulfilment.Channels.IChannelCancellations, BigCommerceCancellations>();
            return services;
        }
    }
}
