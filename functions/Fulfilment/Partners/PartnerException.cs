namespace Fulfilment.Partners;

/// <summary>What kind of failure a partner call ended in; the pipeline decides what to do from this alone.</summary>
public enum PartnerFailureKind
{
    /// <summary>401/403: the stored credential is wrong or revoked; the connection needs new credentials.</summary>
    Authentication,
    /// <summary>429 after our own retries ran out: try again later, nothing is lost.</summary>
    RateLimited,
    /// <summary>Timeout, connection failure or 5xx: the request may or may not have been applied.</summary>
    Transient,
    /// <summary>400/404/409/422: the partner refused this request as it is; retrying the same request will not help.</summary>
    Rejected,
}

/// <summary>
/// Base of every partner's exception type (one per partner, each built by that partner's FromResponse factory).
/// Carries the HTTP status, the partner's own error code and whether a later retry can succeed.
/// Messages never contain credentials.
/// </summary>
public abstract class PartnerException : Exception
{
    protected PartnerException(string partner, PartnerFailureKind kind, int? statusCode, string? partnerErrorCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        Partner = partner;
        Kind = kind;
        StatusCode = statusCode;
        PartnerErrorCode = partnerErrorCode;
    }

    public string Partner { get; }
    public PartnerFailureKind Kind { get; }
    public int? StatusCode { get; }
    public string? PartnerErrorCode { get; }

    /// <summary>True when the same request may succeed later (rate limit, transient failure).</summary>
    public bool IsRetryable => Kind is PartnerFailureKind.RateLimited or PartnerFailureKind.Transient;
}
