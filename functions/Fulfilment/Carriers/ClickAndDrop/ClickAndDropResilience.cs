using static Fulfilment.Partners.PartnerHttpOutcomes;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>
/// The "clickanddrop" resilience pipeline: total timeout → retry → circuit breaker (per account) → attempt timeout.
/// 429 is retried for every request, honouring Retry-After; 5xx and timeouts only for GETs, because a create that
/// timed out may have created the orders and must not be sent again blindly.
/// </summary>
public static class ClickAndDropResilience
{
    public const string PipelineName = "clickanddrop";

    /// <summary>Adds the pipeline to the HttpClient; one pipeline instance (and circuit) per account id.</summary>
    public static IHttpClientBuilder AddClickAndDropResilience(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler(PipelineName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<ClickAndDropOptions>>().CurrentValue;
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;

            pipeline
                .AddTimeout(options.TotalTimeout)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    ShouldRetryAfterHeader = false, // our DelayGenerator reads Retry-After itself (seconds or an HTTP date)
                    ShouldHandle = args => ValueTask.FromResult(
                        options.MaxRetryAttempts > 0 && ShouldRetry(args.Outcome, args.Context.GetRequestMessage()?.Method, options.MaxRetryAfter, time)),
                    DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    // Only the partner being down opens the circuit; 429 is throttling, handled by the retry above.
                    ShouldHandle = args => ValueTask.FromResult(IsServerFailure(args.Outcome)),
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                })
                .AddTimeout(options.AttemptTimeout);
        })
        .SelectPipelineBy(static _ => request =>
            request.Options.TryGetValue(ClickAndDropClient.AccountIdOption, out var accountId) ? accountId : "");
        return builder;
    }

    /// <summary>Whether one failed attempt may be tried again in this call.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method, TimeSpan maxRetryAfter, TimeProvider time)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled)
            return RetryAfter(throttled, time) is not { } wait || wait <= maxRetryAfter;
        // Only reads are safe to repeat after a server failure or timeout.
        return method == HttpMethod.Get && IsServerFailure(outcome);
    }
}
