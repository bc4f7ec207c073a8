namespace Sandbox.Ekart;

/// <summary>A merchant as the simulator knows it (the token is not echoed).</summary>
public sealed record EkartMerchantInfo(string MerchantCode, IReadOnlyList<string> LocationCodes, EkartCourierSchedule? Courier);

/// <summary>Mutable per-merchant state; guarded by the simulator's lock.</summary>
internal sealed class EkartMerchantState(string code, string token, IEnumerable<string> locationCodes)
{
    public string Code { get; } = code;
    /// <summary>The Token Ekart issues at on-boarding: the secret of <c>Authorization: Basic</c> on <c>/auth/token</c>.</summary>
    public string Token { get; set; } = token;
    public HashSet<string> LocationCodes { get; } = new(locationCodes, StringComparer.Ordinal);
    /// <summary>When set, the simulated courier moves this merchant's shipments on by itself.</summary>
    public EkartCourierSchedule? Courier { get; set; }

    public EkartMerchantInfo ToInfo() => new(Code, LocationCodes.Order(StringComparer.Ordinal).ToList(), Courier);
}
