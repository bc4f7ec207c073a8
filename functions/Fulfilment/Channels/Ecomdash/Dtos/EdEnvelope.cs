using System.Text.Json;

namespace Fulfilment.Channels.Ecomdash.Dtos;

/// <summary>How an envelope says an operation went.</summary>
public enum EcomdashStatus
{
    Success,
    PartialSuccess,
    Failure,
}

/// <summary>Every business answer: <c>{status, messages, pagination?, data?}</c>. HTTP 200 carries all three statuses.</summary>
internal sealed record EdEnvelope
{
    public string? Status { get; init; }
    public List<string>? Messages { get; init; }
    public EdPagination? Pagination { get; init; }
    public JsonElement Data { get; init; }

    /// <summary>"Success", "Partial Success" (also without the space), "Failure"; anything else or nothing is a Failure, to be safe.</summary>
    public EcomdashStatus ParsedStatus => Status?.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "success" => EcomdashStatus.Success,
        "partialsuccess" => EcomdashStatus.PartialSuccess,
        _ => EcomdashStatus.Failure,
    };

    public IReadOnlyList<string> MessageList => Messages ?? [];
}

internal sealed record EdPagination(int CurrentPage, int TotalNumberOfEntries, int TotalNumberOfPages);
