using static Fulfilment.Partners.PartnerHttpOutcomes;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>
/// The "ecomdash" resilience pipeline: total timeout → retry → circuit breaker (per merchant), around the throttle
/// handler, which waits for quota and a concurrency slot; the attempt timeout ("ecomdash-attempt") sits inside it, so a
/// wait for quota never counts as a slow answer. A 429 is retried for every operation (nothing was done): after its
/// Retry-After (the minute quota), or shortly when it has none (another call of the operation was in flight). Server
/// failures and timeouts are retried only for operations safe to repeat.
/// </summary>
public static class EcomdashResilience
{
    public const string PipelineName = "ecomdash";
    public const string AttemptPipelineName = "ecomdash-attempt";

    public static IHttpClientBuilder AddEcomdashResilience(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler(PipelineName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<EcomdashOptions>>().CurrentValue;
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            pipeline
                .AddTimeout(options.TotalTimeout)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    ShouldRetryAfterHeader = false, // the delay generator below reads Retry-After itself
                    ShouldHandle = args => ValueTask.FromResult(options.MaxRetryAttempts > 0
                        && ShouldRetry(args.Outcome, EcomdashRequest.Operation(args.Context.GetRequestMessage()!), options, time)),
                    DelayGenerator = args => ValueTask.FromResult(RetryDelay(args.Outcome.Result, options, time)),
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    // Only Ecomdash being down opens the circuit; 429 is throttling, handled above.
                    ShouldHandle = args => ValueTask.FromResult(IsServerFailure(args.Outcome)),
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                });
        })
        // One pipeline (and circuit) per merchant: one account's outage never blocks another.
        .SelectPipelineBy(static _ => request => EcomdashRequest.Limiter(request) ?? "");
        return builder;
    }

    /// <summary>The attempt timeout, added after the throttle handler so it times the HTTP call alone.</summary>
    public static IHttpClientBuilder AddEcomdashAttemptTimeout(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler(AttemptPipelineName, static (pipeline, context) =>
            pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptionsMonitor<EcomdashOptions>>().CurrentValue.AttemptTimeout));
        return builder;
    }

    /// <summary>Whether one failed attempt may be tried again in this call.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, EcomdashOperation? operation, EcomdashOptions options, TimeProvider time)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled)
            return RetryAfter(throttled, time) is not { } wait || wait <= options.MaxRateLimitWait;
        return operation is { SafeToRepeat: true } && IsServerFailure(outcome);
    }

    /// <summary>Retry-After for the quota; a short, jittered wait for a concurrency 429 (it has none); else exponential back-off.</summary>
    public static TimeSpan? RetryDelay(HttpResponseMessage? response, EcomdashOptions options, TimeProvider time)
    {
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests })
            return null;
        return RetryAfter(response, time) ?? options.ConcurrencyRetryDelay * (0.5 + Random.Shared.NextDouble());
    }
}
