using Microsoft.AspNetCore.Http;

namespace Sandbox.Ecomdash;

/// <summary>
/// What Azure API Management itself answers, before the ecomdash back end sees the call: its <c>{statusCode, message}</c>
/// bodies with APIM's own wording for subscription keys, rate limits and unknown operations.
/// </summary>
internal static class ApimResponses
{
    public static IResult MissingSubscriptionKey() => Error(StatusCodes.Status401Unauthorized,
        "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.");

    public static IResult InvalidSubscriptionKey() => Error(StatusCodes.Status401Unauthorized,
        "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.");

    /// <summary>The 120-calls-a-minute rule (APIM rate-limit-by-key): Retry-After and the message both give the seconds.</summary>
    public static IResult RateLimitExceeded(int retryAfterSeconds) => Error(StatusCodes.Status429TooManyRequests,
        $"Rate limit is exceeded. Try again in {retryAfterSeconds} seconds.", retryAfterSeconds);

    /// <summary>
    /// The 3-concurrent-calls rule (APIM limit-concurrency): 429 with no Retry-After, since the client may retry as soon
    /// as one of its calls completes. The body's wording is UNCONFIRMED.
    /// </summary>
    public static IResult TooManyConcurrentCalls() => Error(StatusCodes.Status429TooManyRequests,
        "Too many concurrent requests for this operation. Retry when one of your calls completes.");

    public static IResult ResourceNotFound() => Error(StatusCodes.Status404NotFound, "Resource not found");

    private static EcomdashJsonResult Error(int statusCode, string message, int? retryAfterSeconds = null) =>
        new(statusCode, new ApimError(statusCode, message), retryAfterSeconds);

    // APIM writes camelCase here, unlike the back end.
    private sealed record ApimError(
        [property: System.Text.Json.Serialization.JsonPropertyName("statusCode")] int StatusCode,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);
}
