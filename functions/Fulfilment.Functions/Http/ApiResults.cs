using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulfilment.Functions.Http;

/// <summary>The error body every HTTP function answers a bad request with: what went wrong, and the particulars.</summary>
public sealed record ApiError(string Error, IReadOnlyList<string>? Details = null);

/// <summary>JSON answers of the HTTP functions, with one serializer setup (camelCase, enums as names).</summary>
public static class ApiResults
{
    /// <summary>Responses: web defaults with enums written as names.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson(forRequests: false);

    /// <summary>Requests: like <see cref="Json"/>, but a property we do not know is an error, so a typo is not silently ignored.</summary>
    public static JsonSerializerOptions RequestJson { get; } = CreateJson(forRequests: true);

    public static IResult Ok(object? value) => Results.Json(value, Json);
    public static IResult Status(int statusCode, object? value) => Results.Json(value, Json, statusCode: statusCode);

    public static IResult Error(int statusCode, string error, IEnumerable<string>? details = null) =>
        Results.Json(new ApiError(error, details?.ToList()), Json, statusCode: statusCode);

    public static IResult BadRequest(string error, IEnumerable<string>? details = null) => Error(StatusCodes.Status400BadRequest, error, details);
    public static IResult NotFound(string error) => Error(StatusCodes.Status404NotFound, error);
    public static IResult Conflict(string error, IEnumerable<string>? details = null) => Error(StatusCodes.Status409Conflict, error, details);
    public static IResult Unprocessable(string error, IEnumerable<string>? details = null) => Error(StatusCodes.Status422UnprocessableEntity, error, details);

    private static JsonSerializerOptions CreateJson(bool forRequests)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        // Names only: an enum given as a number would bypass the names we document and validate.
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        if (forRequests)
            options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
