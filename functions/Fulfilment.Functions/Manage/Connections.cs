using System.Text.Json;
using Fulfilment.Connections;
using Fulfilment.Functions.Http;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>A channel connection as the API shows it: settings, status and cursor, which credentials are stored, never their values.</summary>
public sealed record ConnectionView(string Id, string Channel, string StoreId, string? TradingName, ConnectionStatus Status, string? StatusReason,
    string? ImportStatus, int MaxOrderAgeDays, bool MarkDespatchedOnChannel, IReadOnlyDictionary<string, string> Settings,
    DateTimeOffset? Cursor, DateTimeOffset? LastPolledAt, DateTimeOffset CreatedAt, DateTimeOffset? ApprovedAt, DateTimeOffset? InstalledAt,
    string? Scopes, IReadOnlyList<string> CredentialsStored)
{
    public static ConnectionView From(ChannelConnection c) => new(c.Id, c.Channel, c.StoreId, c.TradingName, c.Status, c.StatusReason,
        c.ImportStatus, c.MaxOrderAgeDays, c.MarkDespatchedOnChannel, c.Settings, c.Cursor, c.LastPolledAt, c.CreatedAt, c.ApprovedAt,
        c.InstalledAt, c.Scopes, c.Credentials.Keys.Order(StringComparer.Ordinal).ToList());
}

/// <summary>
/// HTTP: channel connections. GET lists them or shows one; PATCH {id} changes settings (validated by the channel, which
/// may ask the store), approves or resumes (status Active) or suspends (status Suspended) a connection. Connections are
/// created by a channel's install or connect callback, not here.
/// </summary>
public sealed class AdminConnections(IConnectionStore store, PartnerRegistry registry, TimeProvider time, ILogger<AdminConnections> logger)
{
    [Function(nameof(AdminConnections))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "patch", Route = Routes.Manage + "/connections/{id?}")] HttpRequest request)
    {
        var id = request.RouteValues["id"] as string;
        return HttpMethods.IsPatch(request.Method) ? PatchAsync(request, id) : GetAsync(request, id);
    }

    private async Task<IResult> GetAsync(HttpRequest request, string? id)
    {
        var ct = request.HttpContext.RequestAborted;
        if (string.IsNullOrWhiteSpace(id))
            return ApiResults.Ok((await store.ListAsync(ct)).OrderBy(c => c.Id, StringComparer.Ordinal).Select(ConnectionView.From));
        var connection = await store.GetAsync(id, ct);
        return connection is null ? ApiResults.NotFound($"There is no connection '{id}'.") : ApiResults.Ok(ConnectionView.From(connection));
    }

    private async Task<IResult> PatchAsync(HttpRequest request, string? id)
    {
        var ct = request.HttpContext.RequestAborted;
        if (string.IsNullOrWhiteSpace(id))
            return ApiResults.BadRequest("PATCH needs the connection id in the path: .../connections/{id}.");
        var body = await RequestJson.ReadAsync<JsonElement>(request, ConnectionPatch.Expected);
        if (body.Failed)
            return body.Problem;
        var (patch, errors) = ConnectionPatch.Parse(body.Value);
        if (patch is null)
            return ApiResults.BadRequest("The change is not valid.", errors);

        var connection = await store.GetAsync(id, ct);
        if (connection is null)
            return ApiResults.NotFound($"There is no connection '{id}'.");
        if (registry.FindChannel(connection.Channel) is not { } channel)
            return ApiResults.Conflict($"Connection '{id}' belongs to channel {connection.Channel}, which this app does not have.");
        if (patch.Status == ConnectionStatus.Active && connection.Status != ConnectionStatus.Active && !connection.HasCredentials)
            return ApiResults.Conflict($"Connection '{id}' has no credentials, so it cannot be activated: the merchant must install or connect the store again.");

        var (settings, settingErrors) = PartnerValues.Apply(channel.Descriptor.SettingFields, connection.Settings, patch.Settings, $"A {channel.Descriptor.Name} connection's settings");
        if (settingErrors.Count > 0)
            return ApiResults.BadRequest("The change is not valid.", settingErrors);
        patch.ApplyTo(connection, settings, time.GetUtcNow());

        if (patch.SetsImportStatus || patch.Settings is not null)
        {
            IReadOnlyList<string> problems;
            try
            {
                problems = await channel.ValidateSettingsAsync(connection, ct);
            }
            catch (PartnerException ex)
            {
                return ApiResults.Error(StatusCodes.Status502BadGateway,
                    $"{channel.Descriptor.Name} could not be asked whether these settings are valid; nothing was changed. Try again.", [ex.Message]);
            }
            if (problems.Count > 0)
                return ApiResults.Unprocessable($"{channel.Descriptor.Name} does not accept these settings for this store; nothing was changed.", problems);
        }

        await store.SaveAsync(connection, ct);
        logger.LogInformation("Connection {ConnectionId} changed ({Fields}); status {Status}.", id, string.Join(", ", patch.Fields), connection.Status);
        return ApiResults.Ok(ConnectionView.From(connection));
    }
}
