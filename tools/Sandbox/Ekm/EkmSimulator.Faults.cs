namespace Sandbox.Ekm;

// Test API for chaos: injected faults, token revocation, the request log and the clock.
public sealed partial class EkmSimulator
{
    /// <summary>Replaces the shop's API faults (latency, next 500s or 429s, requests that act and then fail).</summary>
    public void SetFaults(string username, EkmFaults faults)
    {
        lock (_lock)
            Shop(username).Faults = faults;
    }

    /// <summary>The shop's faults as they stand (counters go down as requests use them).</summary>
    public EkmFaults GetFaults(string username)
    {
        lock (_lock)
            return Shop(username).Faults;
    }

    public void ClearFaults(string username) => SetFaults(username, new EkmFaults());

    /// <summary>Faults of POST /connect/token and /connect/revocation; ActThenFail issues tokens (using up the refresh token) and then fails.</summary>
    public void SetTokenEndpointFaults(EkmFaults faults)
    {
        lock (_lock)
            _tokenFaults = faults;
    }

    /// <summary>
    /// Revokes the shop's refresh tokens (for one app or all), as the merchant changing password or permissions, or
    /// another consent, does: the next refresh is <c>invalid_grant</c>. Returns how many were live.
    /// </summary>
    public int RevokeRefreshTokens(string username, string? clientId = null) => _authority.RevokeRefreshTokens(username, clientId);

    /// <summary>Every access token issued so far for the shop answers 401 as expired (without moving the clock).</summary>
    public void ExpireAccessTokens(string username) => _authority.ExpireAccessTokens(username);

    /// <summary>How many of the shop's refresh tokens could still be redeemed.</summary>
    public int LiveRefreshTokenCount(string username) => _authority.LiveRefreshTokenCount(username);

    /// <summary>Requests answered so far (optionally only one shop's), oldest first.</summary>
    public IReadOnlyList<EkmRequestRecord> GetRequests(string? username = null)
    {
        lock (_lock)
            return _requests.Where(r => username is null || r.Username == username).ToList();
    }

    public void ClearRequests()
    {
        lock (_lock)
            _requests.Clear();
    }

    /// <summary>Moves the simulator's clock forward (on top of the injected TimeProvider), e.g. past a refresh token's 15 days.</summary>
    public void AdvanceClock(TimeSpan by) => _clock.Advance(by);
}
