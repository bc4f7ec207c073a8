using Fulfilment.Channels.Ekm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Fulfilment.Channels.Ekm
{
    /// <summary>The "ekm" resilience pipeline: what is retried, how long we wait, when the circuit opens.</summary>
    internal static class EkmResilience
    {
        public const string PipelineName = "ekm";

        public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, EkmOptions options)
        {
            // The rate gate sits inside each attempt (every request EKM sees is paced), so an attempt's time includes
            // its wait for a permit: generous per attempt, and the whole call capped below the host's function timeout.
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = TimeSpan.FromSeconds(120) });
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
                DelayGenerator = args => ValueTask.FromResult(EkmRateLimit.RetryDelayFor(args.Outcome.Result, options.RateLimitBackoff)),
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
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = TimeSpan.FromSeconds(45) });
        }

        /// <summary>
        /// GETs are retried on 429, 5xx and timeouts; PUTs and POSTs only on 429, where EKM did nothing (a write-back
        /// that may have acted is read again by the next delivery instead). A 429 asking for longer than MaxRateLimitWait
        /// fails as RateLimited for the queue.
        /// </summary>
        internal static bool ShouldRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome, EkmOptions options)
        {
            if (outcome.Result is { StatusCode: System.Net.HttpStatusCode.TooManyRequests } limited)
                return EkmRateLimit.RetryDelayFor(limited, options.RateLimitBackoff) <= options.MaxRateLimitWait;
            if (request is null || request.Method != HttpMethod.Get)
                return false;
            return HttpClientResiliencePredicates.IsTransient(outcome);
        }
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the EKM channel.</summary>
    public static class EkmRegistration
    {
        /// <summary>
        /// Binds and validates <see cref="EkmOptions"/> (section "Ekm", checked at start-up), the API client with its
        /// "ekm" resilience pipeline (one circuit per shop) and the shared rate gate, the identity-server client, and the
        /// channel with its connect, disconnect, callbacks, order lookup and product lookup.
        /// </summary>
        public static IServiceCollection AddEkm(this IServiceCollection services, IConfiguration configuration)
        {
            services.AddOptions<EkmOptions>()
                .Bind(configuration.GetSection(EkmOptions.SectionName))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<EkmBucketWatch>();
            services.TryAddTransient<EkmRateGateHandler>();

            services.AddHttpClient(EkmClient.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(3))
                .AddResilienceHandler(EkmResilience.PipelineName, (builder, context) =>
                {
                    var options = context.ServiceProvider.GetRequiredService<IOptions<EkmOptions>>().Value;
                    EkmResilience.Configure(builder, options);
                })
                // One pipeline (and so one circuit breaker) per shop: one shop's outage never blocks another.
                .SelectPipelineBy(_ => request => EkmRequest.GetShop(request) ?? "")
                .Services.AddHttpClient(EkmClient.HttpClientName)
                .AddHttpMessageHandler<EkmRateGateHandler>();

            // Codes and refresh tokens are single-use: a timeout, never a retry.
            services.AddHttpClient(EkmAuth.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));

            services.TryAddSingleton<EkmClient>();
            services.TryAddSingleton<EkmAuth>();
            services.TryAddSingleton<EkmTokens>();
            services.TryAddSingleton<EkmSession>();
            services.TryAddSingleton<EkmOrderReader>();
            services.TryAddSingleton<EkmStatusSettings>();
            services.TryAddSingleton<EkmWebhooks>();
            services.TryAddSingleton<EkmChannel>();
            services.TryAddSingleton<EkmConnect>();
            services.TryAddSingleton<EkmOrderLookup>();
            services.TryAddSingleton<EkmProducts>();
            services.TryAddSingleton<EkmCallbacks>();
            services.AddSingleton<Fulfilment.Channels.IChannel>(sp => sp.GetRequiredService<EkmChannel>());
            services.AddSingleton<Fulfilment.Channels.IChannelConnect>(sp => sp.GetRequiredService<EkmConnect>());
            services.AddSingleton<Fulfilment.Channels.IChannelDisconnect>(sp => sp.GetRequiredService<EkmConnect>());
            services.AddSingleton<Fulfilment.Channels.IChannelOrderLookup>(sp => sp.GetRequiredService<EkmOrderLookup>());
            services.AddSingleton<Fulfilment.Channels.IChannelProducts>(sp => sp.GetRequiredService<EkmProducts>());
            services.AddSingleton<Fulfilment.Partners.IChannelCallbacks>(sp => sp.GetRequiredService<EkmCallbacks>());
            services.AddSingleton<Fulfilment.Channels.IChannelUpkeep, EkmUpkeep>();
            return services;
        }
    }
}
