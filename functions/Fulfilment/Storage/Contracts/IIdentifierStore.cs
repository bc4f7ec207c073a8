namespace Fulfilment.Storage;

/// <summary>
/// Identifiers we hand out ourselves and must never hand out twice (a carrier's merchant-supplied tracking ids): numbered
/// sequences, and claims that tie one identifier to one key for good, so a retry of the same work gets the same one.
/// </summary>
public interface IIdentifierStore
{
    /// <summary>The next number of <paramref name="sequence"/> (1, 2, 3…), each given out once across every instance.</summary>
    Task<long> NextAsync(string sequence, CancellationToken cancellationToken);

    /// <summary>
    /// Ties <paramref name="value"/> to <paramref name="key"/> within <paramref name="scope"/> unless the key holds one
    /// already; returns the value the key holds from now on (the first claim wins a race).
    /// </summary>
    Task<string> ClaimAsync(string scope, string key, string value, CancellationToken cancellationToken);

    /// <summary>The value the key holds, or null when it was never claimed.</summary>
    Task<string?> FindAsync(string scope, string key, CancellationToken cancellationToken);
}
