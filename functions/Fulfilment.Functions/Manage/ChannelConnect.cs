using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Functions.Http;
using Fulfilment.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>What an operator sends to connect a store: its trading name, and optionally the integration's name and write-back.</summary>
public sealed record ConnectInput(string? TradingName, string? IntegrationName, bool? MarkDespatchedOnChannel);

/// <summary>Where to send the merchant to consent, and until when the link works.</summary>
public sealed record ConnectAnswer(string AuthorizeUrl, DateTimeOffset ExpiresAt);

/// <summary>
/// HTTP: starts connecting a store of a channel that connects by OAuth consent. Answers the channel's authorize URL
/// carrying our signed, single-use, expiring state (or redirects to it with <c>?redirect=true</c>); the channel's
/// callback (<c>channels/{channel}/oauth</c>) finishes the connection.
/// </summary>
public sealed class AdminChannelConnect(PartnerRegistry registry, OAuthStates states, TimeProvider time, ILogger<AdminChannelConnect> logger)
{
    public const int MaxNameLength = 100;

    [Function(nameof(AdminChannelConnect))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Manage + "/channels/{channel}/connect")] HttpRequest request)
    {
        var channel = request.RouteValues["channel"] as string ?? "";
        if (registry.FindConnect(channel) is not { } connect)
            return ApiResults.NotFound($"Channel '{channel}' does not connect stores by OAuth consent (or does not exist).");
        var body = await RequestJson.ReadAsync<ConnectInput>(request, "{tradingName, integrationName?, markDespatchedOnChannel?}");
        if (body.Failed)
            return body.Problem;

        var tradingName = body.Value.TradingName?.Trim() ?? "";
        var integrationName = body.Value.IntegrationName?.Trim() is { Length: > 0 } given ? given : $"{tradingName} fulfilment";
        var errors = new List<string>();
        if (tradingName.Length is 0 or > MaxNameLength)
            errors.Add($"tradingName is required (1 to {MaxNameLength} characters)");
        if (integrationName.Length > MaxNameLength + 20)
            errors.Add($"integrationName is longer than {MaxNameLength + 20} characters");
        if (tradingName.Any(char.IsControl) || integrationName.Any(char.IsControl))
            errors.Add("names must not contain control characters");
        if (errors.Count > 0)
            return ApiResults.BadRequest("The connect request is not valid.", errors);

        var markDespatched = body.Value.MarkDespatchedOnChannel ?? true;
        var state = states.Create(connect.Channel, new Dictionary<string, string>
        {
            [ConnectState.TradingName] = tradingName,
            [ConnectState.IntegrationName] = integrationName,
            [ConnectState.MarkDespatched] = markDespatched ? "true" : "false",
        });
        var url = connect.AuthorizeUrl(new ConnectRequest(tradingName, integrationName, markDespatched, state));
        logger.LogInformation("Connecting a {Channel} store for {TradingName} started.", connect.Channel, tradingName);
        if (string.Equals(request.Query["redirect"], "true", StringComparison.OrdinalIgnoreCase))
            return Results.Redirect(url.ToString());
        return ApiResults.Ok(new ConnectAnswer(url.ToString(), time.GetUtcNow().Add(OAuthStates.Lifetime)));
    }
}
