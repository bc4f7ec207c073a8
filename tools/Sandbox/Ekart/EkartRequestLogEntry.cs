namespace Sandbox.Ekart;

/// <summary>The Ekart API operations, for fault targeting and the request log.</summary>
public enum EkartOperation
{
    Token,
    Create,
    Track,
    Cancel,
}

/// <summary>
/// One request to the simulated API. <paramref name="Status"/> is 0 when the client gave up before an answer (a stall).
/// <paramref name="MerchantCode"/> is the HTTP_X_MERCHANT_CODE header as sent, or null.
/// </summary>
public sealed record EkartRequestLogEntry(DateTimeOffset At, string? MerchantCode, string Method, string Path, EkartOperation Operation, int Status);
