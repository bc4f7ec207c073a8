using System.Text.Json.Serialization;

namespace Sandbox.Ecomdash;

/// <summary>An envelope's <c>status</c>: HTTP 200 carries all three, so clients must read it (channels.md D2).</summary>
public enum EcomdashEnvelopeStatus
{
    Success,
    PartialSuccess,
    Failure,
}

/// <summary>
/// The body of every business operation: <c>{status, messages, pagination?, data?}</c>. Top-level names are
/// lower-case and the pagination's PascalCase, as on the portal; <c>pagination</c> only on paged lists and
/// <c>data</c> omitted when there is none (the portal's updateQuantityOnHand sample has neither).
/// </summary>
internal sealed record EcomdashEnvelope(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("messages")] IReadOnlyList<string> Messages,
    [property: JsonPropertyName("pagination"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EcomdashPagination? Pagination,
    [property: JsonPropertyName("data"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Data)
{
    public static EcomdashEnvelope Success(object? data, EcomdashPagination? pagination = null, IReadOnlyList<string>? messages = null) =>
        new(Wire(EcomdashEnvelopeStatus.Success), messages ?? [], pagination, data);

    public static EcomdashEnvelope Failure(params string[] messages) => new(Wire(EcomdashEnvelopeStatus.Failure), messages, null, null);

    /// <summary>For per-item operations: Success when nothing failed, Failure when nothing succeeded, else Partial Success.</summary>
    public static EcomdashEnvelope FromItems(int succeeded, IReadOnlyList<string> failures, object? data = null)
    {
        var status = failures.Count == 0 ? EcomdashEnvelopeStatus.Success
            : succeeded == 0 ? EcomdashEnvelopeStatus.Failure
            : EcomdashEnvelopeStatus.PartialSuccess;
        return new(Wire(status), failures, null, data);
    }

    public static string Wire(EcomdashEnvelopeStatus status) => status switch
    {
        EcomdashEnvelopeStatus.Success => "Success",
        EcomdashEnvelopeStatus.PartialSuccess => "Partial Success",
        _ => "Failure",
    };
}

/// <summary>The envelope's paging block.</summary>
internal sealed record EcomdashPagination(int CurrentPage, int TotalNumberOfEntries, int TotalNumberOfPages);
