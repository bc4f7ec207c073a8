using System.Text.Json;
using Fulfilment.Connections;

namespace Fulfilment.Functions.Manage;

/// <summary>
/// A merge patch of a connection: only the properties present change; tradingName and importStatus may be null to clear
/// them (importStatus null = the channel's default). Status may be set to Active or Disconnected only: NeedsCredentials
/// is the channel's verdict, not an operator's choice.
/// </summary>
public sealed class ConnectionPatch
{
    public const string Expected = "an object with any of {tradingName, importStatus, maxOrderAgeDays (1-90), markDespatchedOnChannel, status: \"Active\"|\"Disconnected\"}";
    public const int MinMaxOrderAgeDays = 1, MaxMaxOrderAgeDays = 90;
    public const int MaxTextLength = 250;

    private static readonly string[] Known = ["tradingName", "importStatus", "maxOrderAgeDays", "markDespatchedOnChannel", "status"];

    public List<string> Fields { get; } = [];
    public bool SetsTradingName { get; private set; }
    public string? TradingName { get; private set; }
    public bool SetsImportStatus { get; private set; }
    public string? ImportStatus { get; private set; }
    public int? MaxOrderAgeDays { get; private set; }
    public bool? MarkDespatchedOnChannel { get; private set; }
    public ConnectionStatus? Status { get; private set; }

    public static (ConnectionPatch? Patch, IReadOnlyList<string> Errors) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return (null, [$"The body must be {Expected}."]);
        var patch = new ConnectionPatch();
        var errors = new List<string>();
        foreach (var property in body.EnumerateObject())
        {
            var name = Known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
            var value = property.Value;
            switch (name)
            {
                case null:
                    errors.Add($"unknown property '{property.Name}'; expected {string.Join(", ", Known)}");
                    continue;
                case "tradingName" or "importStatus":
                    if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        errors.Add($"{name} must be a string or null");
                        continue;
                    }
                    var text = value.ValueKind == JsonValueKind.Null ? null : value.GetString()!.Trim();
                    if (text is { Length: > MaxTextLength })
                    {
                        errors.Add($"{name} is longer than {MaxTextLength} characters");
                        continue;
                    }
                    text = string.IsNullOrEmpty(text) ? null : text;
                    if (name == "tradingName") { patch.SetsTradingName = true; patch.TradingName = text; }
                    else { patch.SetsImportStatus = true; patch.ImportStatus = text; }
                    break;
                case "maxOrderAgeDays":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var days) || days < MinMaxOrderAgeDays || days > MaxMaxOrderAgeDays)
                    {
                        errors.Add($"maxOrderAgeDays must be a whole number from {MinMaxOrderAgeDays} to {MaxMaxOrderAgeDays}");
                        continue;
                    }
                    patch.MaxOrderAgeDays = days;
                    break;
                case "markDespatchedOnChannel":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        errors.Add("markDespatchedOnChannel must be true or false");
                        continue;
                    }
                    patch.MarkDespatchedOnChannel = value.GetBoolean();
                    break;
                case "status":
                    var status = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    if (string.Equals(status, nameof(ConnectionStatus.Active), StringComparison.OrdinalIgnoreCase))
                        patch.Status = ConnectionStatus.Active;
                    else if (string.Equals(status, nameof(ConnectionStatus.Disconnected), StringComparison.OrdinalIgnoreCase))
                        patch.Status = ConnectionStatus.Disconnected;
                    else
                    {
                        errors.Add("status must be \"Active\" or \"Disconnected\"");
                        continue;
                    }
                    break;
            }
            patch.Fields.Add(name!);
        }
        if (errors.Count == 0 && patch.Fields.Count == 0)
            errors.Add($"Nothing to change: send {Expected}.");
        return errors.Count == 0 ? (patch, []) : (null, errors);
    }

    public void ApplyTo(ChannelConnection connection)
    {
        if (SetsTradingName) connection.TradingName = TradingName;
        if (SetsImportStatus) connection.ImportStatus = ImportStatus;
        if (MaxOrderAgeDays is { } days) connection.MaxOrderAgeDays = days;
        if (MarkDespatchedOnChannel is { } mark) connection.MarkDespatchedOnChannel = mark;
        if (Status is { } status && status != connection.Status)
        {
            connection.Status = status;
            // An operator's pause keeps the credential (unlike an uninstall), so the connection can be resumed here.
            connection.StatusReason = status == ConnectionStatus.Disconnected ? "disconnected by an operator" : null;
        }
    }
}
