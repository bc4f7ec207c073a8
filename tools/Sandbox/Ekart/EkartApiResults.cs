using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Ekart;

/// <summary>The simulated API's error answers, in one place so their shapes stay consistent (see README for which are UNCONFIRMED).</summary>
internal static class EkartApiResults
{
    /// <summary>Ekart's documented answer to a call with an expired bearer token.</summary>
    public const string TokenExpired = "The token has expired. Please request a new token";

    /// <summary>401 <c>{"unauthorised": message}</c>: the key Ekart uses for token expiry, used for every authentication failure.</summary>
    public static IResult Unauthorised(string message) =>
        Results.Json(new JsonObject { ["unauthorised"] = message }, statusCode: StatusCodes.Status401Unauthorized);

    /// <summary>403 <c>{"forbidden": message}</c>: the key of Ekart's documented rate-limit answer.</summary>
    public static IResult Forbidden(string message) =>
        Results.Json(new JsonObject { ["forbidden"] = message }, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>400 for a body that cannot be bound at all (Dropwizard's <c>{code, message}</c> shape; UNCONFIRMED).</summary>
    public static IResult Malformed(string message) =>
        Results.Json(new JsonObject { ["code"] = 400, ["message"] = message }, statusCode: StatusCodes.Status400BadRequest);

    public static IResult ServerError() =>
        Results.Json(new JsonObject { ["code"] = 500, ["message"] = "Internal Server Error" }, statusCode: StatusCodes.Status500InternalServerError);

    public static IResult Unavailable() =>
        Results.Json(new JsonObject { ["code"] = 503, ["message"] = "Service Unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);

    public static IResult TooManyRequests(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Results.Json(new JsonObject { ["code"] = 429, ["message"] = "Too Many Requests" }, statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The documented rate-limit answer: 403 <c>{"forbidden":"Rate limit exceeded"}</c>.</summary>
    public static IResult RateLimitExceeded() => Forbidden("Rate limit exceeded");

    /// <summary>An ApiResponse (<c>{request_id, response[]}</c>): 200 when any line was received, else 400.</summary>
    public static IResult ApiResponse(string requestId, JsonArray lines)
    {
        var anyReceived = lines.Any(l => l?["status"]?.GetValue<string>() == Received);
        return Results.Json(new JsonObject { ["request_id"] = requestId, ["response"] = lines },
            statusCode: anyReceived ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    public const string Received = "REQUEST_RECEIVED";
    public const string Rejected = "REQUEST_REJECTED";
}
