using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Functions.Http;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>
/// What an operator sends to connect a store of a channel without OAuth: the channel, the store's name (defaults to
/// the id after "{channel}-"), its trading name, the channel's settings and the merchant's credentials.
/// </summary>
public sealed record ConnectionInput(string? Channel, string? StoreId, string? TradingName, string? ImportStatus, int? MaxOrderAgeDays,
    bool? MarkDespatchedOnChannel, Dictionary<string, string?>? Settings, Dictionary<string, string?>? Credentials);

/// <summary>
/// HTTP PUT: connects a store by the merchant's credentials (channels that declare <see cref="IChannelCredentialConnect"/>),
/// or replaces a connected store's credentials. Fields are validated by the channel's declared fields, then checked live
/// by the channel (a refused key is answered in plain words, and nothing is stored). A new store waits for approval,
/// as every new store does; the credentials are stored encrypted and never shown.
/// </summary>
public sealed class AdminConnectionCreate(
    IConnectionStore store,
    ConnectionInstaller installer,
    PartnerRegistry registry,
    IEnumerable<IChannelCredentialConnect> credentialChannels,
    ILogger<AdminConnectionCreate> logger)
{
    public const int MaxStoreIdLength = 60;
    public const int MaxTradingNameLength = 100;
    public const string Expected = "{channel, storeId?, tradingName, importStatus?, maxOrderAgeDays?, markDespatchedOnChannel?, settings?: {…}, credentials: {…}}";

    [Function(nameof(AdminConnectionCreate))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.Manage + "/connections/{id}")] HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var id = request.RouteValues["id"] as string ?? "";
        var body = await RequestJson.ReadAsync<ConnectionInput>(request, Expected);
        if (body.Failed)
            return body.Problem;
        var input = body.Value;

        var connect = credentialChannels.FirstOrDefault(c => string.Equals(c.Channel, input.Channel?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (connect is null || registry.FindChannel(connect.Channel) is not { } channel)
            return ApiResults.BadRequest($"channel must be one that connects by credentials: {string.Join(", ", credentialChannels.Select(c => c.Channel))}. " +
                                         "Channels that connect by OAuth consent start at POST /api/manage/channels/{channel}/connect.");
        var name = channel.Descriptor.Name;
        var prefix = name.ToLowerInvariant() + "-";
        var storeId = input.StoreId?.Trim() is { Length: > 0 } given ? given : id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..] : "";

        var errors = new List<string>();
        if (storeId.Length is 0 or > MaxStoreIdLength || !storeId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
            errors.Add($"storeId (or the id after \"{prefix}\") must be 1 to {MaxStoreIdLength} lower-case letters, digits, '-' or '_'");
        else if (ConnectionInstaller.ConnectionIdFor(name, storeId) != id)
            errors.Add($"the id of this connection must be \"{ConnectionInstaller.ConnectionIdFor(name, storeId)}\" (\"{prefix}\" and the store id)");
        var tradingName = input.TradingName?.Trim() ?? "";
        if (tradingName.Length is 0 or > MaxTradingNameLength || tradingName.Any(char.IsControl))
            errors.Add($"tradingName (the connection's name) is required: 1 to {MaxTradingNameLength} characters");
        if (input.MaxOrderAgeDays is { } days && (days < ConnectionPatch.MinMaxOrderAgeDays || days > ConnectionPatch.MaxMaxOrderAgeDays))
            errors.Add($"maxOrderAgeDays (get orders created within the last X days) must be from {ConnectionPatch.MinMaxOrderAgeDays} to {ConnectionPatch.MaxMaxOrderAgeDays}");
        if (input.ImportStatus is { Length: > ConnectionPatch.MaxTextLength })
            errors.Add($"importStatus is longer than {ConnectionPatch.MaxTextLength} characters");
        if (errors.Count > 0)
            return ApiResults.BadRequest("The connection is not valid; nothing was stored.", errors);

        var existing = await store.GetAsync(id, ct);
        if (existing is not null && !string.Equals(existing.Channel, name, StringComparison.OrdinalIgnoreCase))
            return ApiResults.Conflict($"Connection '{id}' belongs to channel {existing.Channel}.");
        var (credentials, credentialErrors) = PartnerValues.Apply(connect.CredentialFields,
            existing?.Credentials ?? new Dictionary<string, string>(), input.Credentials, $"A {name} connection's credentials");
        var (settings, settingErrors) = PartnerValues.Apply(channel.Descriptor.SettingFields,
            existing?.Settings ?? new Dictionary<string, string>(), input.Settings, $"A {name} connection's settings");
        if (credentialErrors.Count + settingErrors.Count > 0)
            return ApiResults.BadRequest("The connection is not valid; nothing was stored.", [.. credentialErrors, .. settingErrors]);

        void Configure(ChannelConnection c)
        {
            c.TradingName = tradingName;
            c.Settings = new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase);
            if (input.ImportStatus is not null) c.ImportStatus = input.ImportStatus.Trim() is { Length: > 0 } status ? status : null;
            if (input.MaxOrderAgeDays is { } maxAge) c.MaxOrderAgeDays = maxAge;
            if (input.MarkDespatchedOnChannel is { } mark) c.MarkDespatchedOnChannel = mark;
        }

        // Checked live before anything is stored: the channel must accept these credentials and settings.
        var candidate = new ChannelConnection { Id = id, Channel = name, StoreId = storeId, ImportStatus = existing?.ImportStatus, Credentials = credentials };
        if (existing is not null) candidate.MaxOrderAgeDays = existing.MaxOrderAgeDays;
        Configure(candidate);
        IReadOnlyList<string> problems;
        try
        {
            problems = await channel.ValidateSettingsAsync(candidate, ct);
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
        {
            return ApiResults.Unprocessable($"{name} refused these credentials; nothing was stored.", [ex.Message]);
        }
        catch (PartnerException ex)
        {
            return ApiResults.Error(StatusCodes.Status502BadGateway, $"{name} could not be asked whether these credentials work; nothing was stored. Try again.", [ex.Message]);
        }
        if (problems.Count > 0)
            return ApiResults.Unprocessable($"{name} does not accept these settings for this store; nothing was stored.", problems);

        var connection = await installer.InstallAsync(name, storeId, credentials, scopes: null, tradingName, ct, Configure);
        if (existing is not null)
            connection = await ApplyAsync(connection, Configure, ct);
        logger.LogInformation("Connection {ConnectionId} ({Channel}) connected by an operator; status {Status}.", id, name, connection.Status);
        return ApiResults.Status(existing is null ? StatusCodes.Status201Created : StatusCodes.Status200OK, ConnectionView.From(connection));
    }

    /// <summary>An existing connection keeps its cursor and history; the operator's fields are applied on top (again if a poll saved meanwhile).</summary>
    private async Task<ChannelConnection> ApplyAsync(ChannelConnection connection, Action<ChannelConnection> configure, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            configure(connection);
            try
            {
                await store.SaveAsync(connection, cancellationToken);
                return connection;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                connection = await store.GetAsync(connection.Id, cancellationToken) ?? connection;
            }
        }
    }
}
