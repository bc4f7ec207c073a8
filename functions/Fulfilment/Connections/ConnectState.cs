namespace Fulfilment.Connections;

/// <summary>The names of the values an OAuth connect's state carries from the operator's request to the channel's callback.</summary>
public static class ConnectState
{
    public const string TradingName = "tradingName";
    public const string IntegrationName = "integrationName";
    public const string MarkDespatched = "markDespatchedOnChannel";

    /// <summary>Applies what the operator asked for to a store connected for the first time.</summary>
    public static void ApplyTo(ChannelConnection connection, IReadOnlyDictionary<string, string> values)
    {
        if (values.TryGetValue(TradingName, out var tradingName))
            connection.TradingName = tradingName;
        if (values.TryGetValue(IntegrationName, out var integrationName))
            connection.Settings[IntegrationName] = integrationName;
        if (values.TryGetValue(MarkDespatched, out var mark) && bool.TryParse(mark, out var on))
            connection.MarkDespatchedOnChannel = on;
    }
}
