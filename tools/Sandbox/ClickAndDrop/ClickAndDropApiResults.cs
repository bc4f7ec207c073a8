using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Sandbox.ClickAndDrop.Wire;

namespace Sandbox.ClickAndDrop;

/// <summary>
/// The simulated API's answers, in one place so their shapes stay consistent: Click &amp; Drop's own error bodies, and
/// the foreign answers (gateway pages) the fault controls produce. See README for which shapes are UNCONFIRMED.
/// </summary>
internal static class ClickAndDropApiResults
{
    /// <summary>Click &amp; Drop's camelCase wire format; absent values are left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// What the label endpoint says while postage is not applied. Code and wording as seen by a third party on the real
    /// API (UNCONFIRMED): the code is a generic validation code, so clients can only tell this case by the message.
    /// </summary>
    public const string PostageNotAppliedCode = "OrderValidationError";
    public const string PostageNotAppliedMessage = "Label generation only available for orders with postage applied status";

    /// <summary>The simulator's code for an identifier that matches no order (the Swagger gives the 404 no body; UNCONFIRMED).</summary>
    public const string OrderNotFoundCode = "OrderNotFound";

    public static IResult Ok<T>(T body) => Results.Json(body, Json);

    /// <summary>An ErrorResponse <c>{code, message, details}</c> with the given status.</summary>
    public static IResult Error(int status, string code, string message, string? details = null) =>
        Results.Json(new ErrorResponse(code, message, details), Json, statusCode: status);

    /// <summary>An array of OrderErrorResponse, the per-order endpoints' error shape.</summary>
    public static IResult OrderErrors(int status, params OrderErrorResponse[] errors) => Results.Json(errors, Json, statusCode: status);

    /// <summary>400 with one OrderErrorResponse about the request as a whole (no order named).</summary>
    public static IResult BadOrderRequest(string code, string message) => OrderErrors(StatusCodes.Status400BadRequest, new OrderErrorResponse(null, null, code, message));

    /// <summary>
    /// 404 when none of the identifiers matched: one OrderErrorResponse per identifier. The Swagger documents this 404
    /// without a body; this shape (the endpoint's own error shape) is the simulator's choice, UNCONFIRMED.
    /// </summary>
    public static IResult NoneFound(IEnumerable<ClickAndDropIdentifier> identifiers) => OrderErrors(StatusCodes.Status404NotFound,
        identifiers.Select(i => new OrderErrorResponse(i.OrderIdentifier, i.OrderReference, OrderNotFoundCode, "Order not found.")).ToArray());

    /// <summary>401 with no body, as the spec has it.</summary>
    public static IResult Unauthorized() => Results.StatusCode(StatusCodes.Status401Unauthorized);

    /// <summary>403 with no body: the feature is not available to this account (labels for non-OBA accounts).</summary>
    public static IResult Forbidden() => Results.StatusCode(StatusCodes.Status403Forbidden);

    public static IResult ServerError(string message) => Error(StatusCodes.Status500InternalServerError, "InternalServerError", message);

    /// <summary>429 with <c>Retry-After</c> in seconds and no body.</summary>
    public static IResult TooManyRequests(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>A 404 from something in front of Click &amp; Drop.</summary>
    public static IResult ForeignNotFound(ClickAndDropForeignNotFound kind) => kind switch
    {
        ClickAndDropForeignNotFound.Html => Page(StatusCodes.Status404NotFound, "404 Not Found"),
        ClickAndDropForeignNotFound.GatewayJson => Results.Json(new { statusCode = 404, message = "Resource not found" }, statusCode: StatusCodes.Status404NotFound),
        _ => Results.StatusCode(StatusCodes.Status404NotFound),
    };

    /// <summary>What the gateway answers during an outage.</summary>
    public static IResult Outage(ClickAndDropOutageAnswer answer) => answer == ClickAndDropOutageAnswer.NotFoundPage
        ? Page(StatusCodes.Status404NotFound, "404 Not Found")
        : Page(StatusCodes.Status503ServiceUnavailable, "503 Service Unavailable");

    private static IResult Page(int status, string title) =>
        Results.Content($"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>", "text/html", statusCode: status);
}
