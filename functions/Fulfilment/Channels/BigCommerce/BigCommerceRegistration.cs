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

        /// <summary>
        /// Outermost to innermost: the rate-limit retry (a 429 waits for the quota window, outside the call timeout:
        /// waiting is not failing), the call timeout, the transient retry, the circuit breaker, the attempt timeout.
        /// Worst case: <see cref="BigCommerceOptions.WorstCaseCallDuration"/>.
        /// </summary>
        public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, BigCommerceOptions options)
        {
            // Polly refuses a retry strategy of 0 attempts: with retries switched off there is simply none.
            var retries = options.MaxRetryAttempts > 0;
            if (retries)
            {
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    Name = "rate-limit",
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Constant,
                    UseJitter = false,
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(ShouldWaitOutRateLimit(args.Outcome, options)),
                    DelayGenerator = args => ValueTask.FromResult(BigCommerceRateLimit.RetryDelayFor(args.Outcome.Result, options.HeaderlessRateLimitBackoff)),
                });
            }
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "call", Timeout = options.CallTimeout });
            if (retries)
            {
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    Name = "retry",
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    MaxDelay = TimeSpan.FromSeconds(10),
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetryTransient(args.Context.GetRequestMessage(), args.Outcome)),
                });
            }
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
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
        }

        /// <summary>
        /// Any request, a shipment POST included (BigCommerce did nothing), waits out a 429 whose wait fits in
        /// MaxRateLimitWait; a longer one fails as RateLimited for the queue to retry.
        /// </summary>
        internal static bool ShouldWaitOutRateLimit(Outcome<HttpResponseMessage> outcome, BigCommerceOptions options) =>
            outcome.Result is { StatusCode: System.Net.HttpStatusCode.TooManyRequests } limited
            && BigCommerceRateLimit.RetryDelayFor(limited, options.HeaderlessRateLimitBackoff) <= options.MaxRateLimitWait;

        /// <summary>GETs are retried on 5xx, timeouts and connection failures; anything else (a shipment POST) never is, since it may have been done.</summary>
        internal static bool ShouldRetryTransient(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome) =>
            request is not null && request.Method == HttpMethod.Get
            && outcome.Result is not { StatusCode: System.Net.HttpStatusCode.TooManyRequests }
            && HttpClientResiliencePredicates.IsTransient(outcome);
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the BigCommerce channel.</summary>
    public static class BigCommerceRegistration
    {
        /// <summary>
        /// Binds and validates <see cref="BigCommerceOptions"/> (section "BigCommerce", checked at start-up), the API client
        /// with its "bigcommerce" resilience pipeline (one circuit per store), the app-install auth, the order webhooks (subscription and deliveries), the order lookup for their hints, and the channel as an
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
            services.TryAddTransient<BigCommerceQuotaObserverHandler>();

            // The gate is outermost (a wait for the quota window does not eat the call's timeouts) and sees every
            // attempt's answer through the observer, innermost. The HttpClient timeout is only a backstop above the
            // pipeline's own worst case.
            var api = services.AddHttpClient(BigCommerceClient.HttpClientName)
                .ConfigureHttpClient((sp, c) => c.Timeout = sp.GetRequiredService<IOptions<BigCommerceOptions>>().Value.WorstCaseCallDuration() + TimeSpan.FromSeconds(30))
                .AddHttpMessageHandler<BigCommerceStoreGateHandler>();
            api.AddResilienceHandler(BigCommerceResilience.PipelineName, (builder, context) =>
            {
                // Explicit, so waits and timeouts run on the injected clock (tests share one with the simulator).
                builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                BigCommerceResilience.Configure(builder, context.ServiceProvider.GetRequiredService<IOptions<BigCommerceOptions>>().Value);
            })
            // One pipeline (and so one circuit breaker) per store: one store's outage never blocks another.
            .SelectPipelineBy(_ => request => BigCommerceRequest.GetStoreHash(request) ?? "");
            api.AddHttpMessageHandler<BigCommerceQuotaObserverHandler>();

            // The token exchange is a single-use code: a timeout, no retries.
            services.AddHttpClient(BigCommerceAppAuth.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));

            services.TryAddSingleton<BigCommerceClient>();
            services.TryAddSingleton<BigCommerceAppAuth>();
            services.TryAddSingleton<BigCommerceHooks>();
            services.TryAddSingleton<BigCommerceWebhooks>();
            services.TryAddSingleton<BigCommerceChannel>();
            services.AddSingleton<Fulfilment.Channels.IChannel>(sp => sp.GetRequiredService<BigCommerceChannel>());
            services.AddSingleton<Fulfilment.Partners.IChannelCallbacks, BigCommerceCallbacks>();
            services.AddSingleton<Fulfilment.Channels.IChannelCancellations, BigCommerceCancellations>();
            services.AddSingleton<Fulfilment.Channels.IChannelOrderLookup, BigCommerceOrderLookup>();
            return services;
        }
    }
}
