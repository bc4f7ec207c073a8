using Microsoft.AspNetCore.Http;

namespace Sandbox.Ecomdash;

/// <summary>
/// What the ecomdash back end (ASP.NET Web API) answers outside the envelope: its <c>{"Message": …}</c> error bodies.
/// Only the 403 wording is confirmed; the others use Web API's stock wording.
/// </summary>
internal static class WebApiResponses
{
    public const string InvalidCombinationMessage =
        "The provided 'ecd-subscription-key' / 'application-id' combination is not valid or does not belong to a company with a current ecomdash subscription.";

    public static IResult InvalidMerchantKey() => Message(StatusCodes.Status403Forbidden, InvalidCombinationMessage);

    /// <summary>A body that cannot be read into the operation's model: malformed JSON, a wrong type or an unknown member.</summary>
    public static IResult InvalidRequest(string key, string problem) => new EcomdashJsonResult(StatusCodes.Status400BadRequest,
        new InvalidRequestBody("The request is invalid.", new Dictionary<string, string[]> { [key] = [problem] }));

    public static IResult UnsupportedMediaType(string mediaType) => Message(StatusCodes.Status415UnsupportedMediaType,
        $"The request entity's media type '{mediaType}' is not supported for this resource.");

    public static IResult ServerError() => Message(StatusCodes.Status500InternalServerError, "An error has occurred.");

    public static IResult Unavailable() => Message(StatusCodes.Status503ServiceUnavailable, "The service is unavailable.");

    public static IResult NotFound(string message) => Message(StatusCodes.Status404NotFound, message);

    private static EcomdashJsonResult Message(int statusCode, string message) => new(statusCode, new MessageBody(message));

    private sealed record MessageBody(string Message);

    private sealed record InvalidRequestBody(string Message, IReadOnlyDictionary<string, string[]> ModelState);
}
