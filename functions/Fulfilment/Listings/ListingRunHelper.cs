using Fulfilment.Connections;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Listings;

/// <summary>
/// What link and sync runs share: the connection checks, putting a run off (with a delay, counted, until it gives up
/// and says so) and recording what a run did, so one failing connection never stops the others and nothing is silent.
/// </summary>
public sealed class ListingRuns(
    IConnectionStore connections,
    IListingRunStore runs,
    IWorkQueue queue,
    CredentialFailures credentialFailures,
    IOptions<ListingsOptions> options,
    TimeProvider time,
    ILogger<ListingRuns> logger)
{
    public ListingsOptions Options => options.Value;

    /// <summary>The connection if it can be worked on now; otherwise null, with the reason recorded on the run.</summary>
    public async Task<ChannelConnection?> ActiveConnectionAsync(string connectionId, ListingRunKind kind, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var connection = await connections.GetAsync(connectionId, cancellationToken);
        if (connection is { Status: ConnectionStatus.Active })
            return connection;
        await RecordAsync(connectionId, kind, startedAt, "not run", connection is null ? "the connection does not exist" : $"the connection is {connection.Status}", cancellationToken);
        return null;
    }

    /// <summary>Sends the message again after the retry delay, unless it was put off too often already (then the run gives up and says why).</summary>
    public async Task PutOffAsync<T>(T message, int attempt, Func<T, int, T> withAttempt, ListingRunKind kind, DateTimeOffset startedAt, string why,
        CancellationToken cancellationToken, TimeSpan? delay = null) where T : IPipelineMessage
    {
        if (attempt >= options.Value.MaxAttempts)
        {
            await RecordAsync(message.ConnectionId, kind, startedAt, "gave up", $"{why} (put off {attempt} times; the next scheduled run tries again)", cancellationToken);
            logger.LogError("Listing {Kind} of {ConnectionId} gave up after {Attempts} attempts: {Why}", kind, message.ConnectionId, attempt, why);
            return;
        }
        var wait = delay ?? TimeSpan.FromSeconds(options.Value.RetryDelaySeconds);
        await queue.SendAsync(QueueOf(kind), withAttempt(message, attempt + 1), cancellationToken, wait);
        logger.LogWarning("Listing {Kind} of {ConnectionId} put off for {Wait}: {Why}", kind, message.ConnectionId, wait, why);
    }

    /// <summary>A partner failure that stops the run: credentials refused (the connection waits for a reconnect), or a refusal of the whole run.</summary>
    public async Task StoppedAsync(ChannelConnection connection, ListingRunKind kind, DateTimeOffset startedAt, string summary, PartnerException failure, CancellationToken cancellationToken)
    {
        if (failure.Kind == PartnerFailureKind.Authentication)
            connection = await credentialFailures.ConnectionRefusedAsync(connection, failure, cancellationToken);
        await RecordAsync(connection.Id, kind, startedAt, summary, $"{failure.Partner}: {failure.Message}", cancellationToken);
        logger.LogError("Listing {Kind} of {ConnectionId} stopped: {Partner}: {Message}", kind, connection.Id, failure.Partner, failure.Message);
    }

    public Task RecordAsync(string connectionId, ListingRunKind kind, DateTimeOffset startedAt, string summary, string? problem, CancellationToken cancellationToken) =>
        runs.SaveAsync(new ListingRun(connectionId, kind, startedAt, time.GetUtcNow(), summary, problem), cancellationToken);

    public Task SendAsync<T>(ListingRunKind kind, T message, CancellationToken cancellationToken) where T : IPipelineMessage =>
        queue.SendAsync(QueueOf(kind), message, cancellationToken);

    public static string QueueOf(ListingRunKind kind) => kind == ListingRunKind.Link ? StorageNames.Queues.ListingLink : StorageNames.Queues.ListingSync;
}
