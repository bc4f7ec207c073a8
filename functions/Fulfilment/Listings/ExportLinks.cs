using System.Security.Cryptography;
using System.Text;
using Fulfilment.Storage;

namespace Fulfilment.Listings;

/// <summary>
/// The secret of a connection's export link: 256 random bits, stored encrypted, shown once when issued (never listed,
/// never logged), replaced by issuing again (the old link stops working) and removed by revoking.
/// </summary>
public sealed class ExportLinks(IExportLinkStore store, TimeProvider time)
{
    public async Task<ExportLink> IssueAsync(string connectionId, CancellationToken cancellationToken)
    {
        var link = new ExportLink(connectionId, Base64Url(RandomNumberGenerator.GetBytes(32)), time.GetUtcNow());
        await store.SaveAsync(link, cancellationToken);
        return link;
    }

    public Task<bool> RevokeAsync(string connectionId, CancellationToken cancellationToken) => store.RemoveAsync(connectionId, cancellationToken);

    /// <summary>Whether <paramref name="presented"/> is the connection's current secret (compared in constant time).</summary>
    public async Task<bool> IsValidAsync(string connectionId, string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 200)
            return false;
        var link = await store.GetAsync(connectionId, cancellationToken);
        return link is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(link.Secret), Encoding.UTF8.GetBytes(presented));
    }

    public Task<ExportLink?> CurrentAsync(string connectionId, CancellationToken cancellationToken) => store.GetAsync(connectionId, cancellationToken);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
