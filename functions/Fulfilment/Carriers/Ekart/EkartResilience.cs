using static Fulfilment.Partners.PartnerHttpOutcomes;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Fulfilment.Carriers.Ekart;

/// <summary>
/// The "ekart" resilience pipeline: total timeout → retry → circuit breaker (per account) → attempt timeout. A rate
/// limit (429 with Retry-After, or Ekart's documented 403 "Rate limit exceeded") is retried for every call; 5xx and
/// timeouts only for token and track, because a create or cancel that timed out may have acted and must not be sent
/// again blindly.
/// </summary>
public static class EkartResilience
{
    public const string PipelineName = "ekart";

    public static IHttpClientBuilder AddEkartResilience(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler(PipelineName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<EkartOptions>>().CurrentValue;
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;

            pipeline
                .AddTimeout(options.TotalTimeout)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    ShouldRetryAfterHeader = false, // the DelayGenerator reads Retry-After itself
                    ShouldHandle = async args => options.MaxRetryAttempts > 0
                        && await ShouldRetryAsync(args.Outcome, Operation(args.Context.GetRequestMessage()), options, time).ConfigureAwait(false),
                    DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    // Only Ekart being down opens the circuit; rate limits are the retry's business.
                    ShouldHandle = args => ValueTask.FromResult(IsServerFailure(args.Outcome)),
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                })
                .AddTimeout(options.AttemptTimeout);
        })
        .SelectPipelineBy(static _ => request =>
            request.Options.TryGetValue(EkartClient.AccountIdOption, out var accountId) ? accountId : "");
        return builder;
    }

    /// <summary>Whether one failed attempt may be tried again in this call.</summary>
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, EkartOperation? operation, EkartOptions options, TimeProvider time)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled)
            return RetryAfter(throttled, time) is not { } wait || wait <= options.MaxRetryAfter;
        if (outcome.Result is { StatusCode: HttpStatusCode.Forbidden } forbidden)
        {
            // Ekart's documented rate-limit answer is a 403: only its body tells it from a refused token.
            await forbidden.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            var body = await forbidden.Content.ReadAsStringAsync().ConfigureAwait(false);
            return body.Contains(options.RateLimitForbiddenText, StringComparison.OrdinalIgnoreCase);
        }
        return operation is { } op && EkartOperations.IsSafeToRepeat(op) && IsServerFailure(outcome);
    }

    private static EkartOperation? Operation(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(EkartClient.OperationOption, out var operation) ? operation : null;
}
