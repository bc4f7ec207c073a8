namespace Fulfilment.Storage;

/// <summary>
/// Tokens a partner or our own flows may present once (a signed callback's jti, an OAuth state), remembered until they
/// expire so a replay is refused on every instance.
/// </summary>
public interface ISingleUseTokenStore
{
    /// <summary>True the first time a token is presented; false, changing nothing, every later time.</summary>
    Task<bool> TryUseAsync(string scope, string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Forgets a token whose use could not be completed, so that presenting it again is its first time.</summary>
    Task ReleaseAsync(string scope, string tokenId, CancellationToken cancellationToken);
}
