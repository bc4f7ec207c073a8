using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Fulfilment.Functions.Http;

/// <summary>
/// The body of every error answer (RFC 9457 problem details, <c>application/problem+json</c>): a title that says what
/// went wrong, and the particulars in <see cref="Errors"/>. The trace id lets ops find the logs of a failure.
/// </summary>
public sealed record Problem(
    string Type,
    string Title,
    int Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Errors = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceId = null);

/// <summary>JSON answers of the HTTP functions, with one serializer setup (camelCase, enums as names).</summary>
public static class ApiResults
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>Responses: web defaults with enums written as names.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson(forRequests: false);

    /// <summary>Requests: like <see cref="Json"/>, but a property we do not know is an error, so a typo is not silently ignored.</summary>
    public static JsonSerializerOptions RequestJson { get; } = CreateJson(forRequests: true);

    public static IResult Ok(object? value) => Results.Json(value, Json);
    public static IResult Status(int statusCode, object? value) => Results.Json(value, Json, statusCode: statusCode);

    public static IResult Error(int statusCode, string title, IEnumerable<string>? errors = null) =>
        Results.Json(new Problem("about:blank", title, statusCode, errors?.ToList(), Activity.Current?.TraceId.ToString()),
            Json, ProblemContentType, statusCode);

    public static IResult BadRequest(string title, IEnumerable<string>? errors = null) => Error(StatusCodes.Status400BadRequest, title, errors);
    public static IResult NotFound(string title) => Error(StatusCodes.Status404NotFound, title);
    public static IResult Conflict(string title, IEnumerable<string>? errors = null) => Error(StatusCodes.Status409Conflict, title, errors);
    public static IResult Unprocessable(string title, IEnumerable<string>? errors = null) => Error(StatusCodes.Status422UnprocessableEntity, title, errors);

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
