namespace Sandbox.Ecomdash;

/// <summary>
/// One call as the simulator answered it. <see cref="StatusCode"/> 0: no answer (a timeout fault dropped it).
/// <see cref="EnvelopeStatus"/>: the envelope's status on 200s ("Success", "Partial Success", "Failure").
/// </summary>
public sealed record EcomdashRequestLogEntry(
    DateTimeOffset Time,
    string? MerchantId,
    string Method,
    string Path,
    string QueryString,
    string? Operation,
    int StatusCode,
    string? EnvelopeStatus);
