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
/// Retry-After (the minute quota), or, when it has none (another call of the operation was in flight, maybe another
/// integration's), after waits that grow, since that call may take a while. Server failures and timeouts are retried
/// only for operations safe to repeat.
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
                    // The larger of the two budgets; ShouldRetry applies the one that fits each refusal.
                    MaxRetryAttempts = Math.Max(1, Math.Max(options.MaxRetryAttempts, options.ConcurrencyRetryAttempts)),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    ShouldRetryAfterHeader = false, // the delay generator below reads Retry-After itself
                    ShouldHandle = args => ValueTask.FromResult(options.MaxRetryAttempts > 0
                        && ShouldRetry(args.Outcome, EcomdashRequest.Operation(args.Context.GetRequestMessage()!), args.AttemptNumber, options, time)),
                    DelayGenerator = args => ValueTask.FromResult(RetryDelay(args.Outcome.Result, args.AttemptNumber, options, time)),
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

    /// <summary>Whether a failed attempt (<paramref name="attempt"/> counts from 0) may be tried again in this call.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, EcomdashOperation? operation, int attempt, EcomdashOptions options, TimeProvider time)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled)
            return RetryAfter(throttled, time) is { } wait
                ? attempt < options.MaxRetryAttempts && wait <= options.MaxRateLimitWait
                : attempt < options.ConcurrencyRetryAttempts;
        return attempt < options.MaxRetryAttempts && operation is { SafeToRepeat: true } && IsServerFailure(outcome);
    }

    /// <summary>
    /// Retry-After for the quota; for a concurrency 429 (it has none) a jittered wait that doubles from
    /// ConcurrencyRetryDelay up to eight times it; else null (Polly's exponential back-off).
    /// </summary>
    public static TimeSpan? RetryDelay(HttpResponseMessage? response, int attempt, EcomdashOptions options, TimeProvider time)
    {
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests })
            return null;
        return RetryAfter(response, time)
            ?? options.ConcurrencyRetryDelay * (1 << Math.Clamp(attempt, 0, 3)) * (0.5 + Random.Shared.NextDouble());
    }
}
