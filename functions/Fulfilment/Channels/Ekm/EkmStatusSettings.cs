using Fulfilment.Connections;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Channels.Ekm;

/// <summary>
/// Checks a connection's import and despatched statuses against the store's own (custom ones included, which
/// merchants can rename or delete). An operator's change to a status the store lacks is refused; a connection whose
/// status has gone from the store (found on connect or on a poll) is reset to the defaults, and the note says why.
/// </summary>
public sealed class EkmStatusSettings(EkmClient client, EkmSession session, IConnectionStore connections, TimeProvider time, ILogger<EkmStatusSettings> logger)
{
    /// <summary>What is wrong with the connection's statuses for this store; empty when both exist.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        var statuses = await session.CallAsync(connection, shop => client.GetOrderStatusesAsync(shop, cancellationToken), cancellationToken);
        return ProblemsWith(connection, statuses);
    }

    public static IReadOnlyList<string> ProblemsWith(ChannelConnection connection, IReadOnlyList<string> storeStatuses)
    {
        var problems = new List<string>();
        void Check(string what, string status)
        {
            if (!storeStatuses.Any(s => string.Equals(s.Trim(), status, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"{what} '{status}' is not one of the store's order statuses ({string.Join(", ", storeStatuses)})");
        }
        Check("importStatus", EkmSettings.ImportStatusOf(connection));
        Check(EkmSettings.DespatchedStatus, EkmSettings.DespatchedStatusOf(connection));
        return problems;
    }

    /// <summary>
    /// Resets both statuses to the defaults when either is not the store's, recording why (saved, ETag-guarded, kept on
    /// top of concurrent changes). True when it reset them.
    /// </summary>
    public async Task<bool> ResetIfMissingAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        var problems = await ProblemsAsync(connection, cancellationToken);
        if (problems.Count == 0 || IsDefault(connection))
        {
            if (problems.Count > 0)
                logger.LogWarning("EKM connection {ConnectionId} uses the default statuses, but the store lacks one: {Problems}", connection.Id, string.Join("; ", problems));
            return false;
        }
        var note = $"{time.GetUtcNow():u}: {string.Join("; ", problems)}; reset to '{EkmSettings.DefaultImportStatus}' and '{EkmSettings.DefaultDespatchedStatus}'.";
        void Reset(ChannelConnection c)
        {
            c.ImportStatus = null;
            c.Settings.Remove(EkmSettings.DespatchedStatus);
            c.Settings[EkmSettings.StatusesReset] = note;
        }
        Reset(connection);
        var saving = connection;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connections.SaveAsync(saving, cancellationToken);
                break;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                saving = await connections.GetAsync(connection.Id, cancellationToken) ?? throw new InvalidOperationException($"Connection {connection.Id} was deleted while its statuses were reset.");
                Reset(saving);
            }
        }
        if (!ReferenceEquals(saving, connection))
            connection.Settings[EkmSettings.StatusesReset] = note; // the caller's copy is stale; its save will re-read
        logger.LogWarning("EKM connection {ConnectionId}: {Note}", connection.Id, note);
        return true;
    }

    private static bool IsDefault(ChannelConnection connection) =>
        string.IsNullOrWhiteSpace(connection.ImportStatus) && connection.Setting(EkmSettings.DespatchedStatus) is null;
}
