using System.Text.Json;
using Fulfilment.Connections;
using Fulfilment.Functions.Manage;

namespace Fulfilment.Tests.Admin;

public class ConnectionPatchTests
{
    private static (ConnectionPatch? Patch, IReadOnlyList<string> Errors) Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return ConnectionPatch.Parse(doc.RootElement.Clone());
    }

    private static ChannelConnection Connection() => new()
    {
        Id = "bigcommerce-zq3demo01", Channel = "BigCommerce", StoreId = "zq3demo01", TradingName = "Demo", ImportStatus = "11",
        Credentials = { ["accessToken"] = "secret-token" },
    };

    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_properties_present_change_and_null_clears_text()
    {
        var (patch, errors) = Parse("""{"importStatus":null,"maxOrderAgeDays":30,"markDespatchedOnChannel":false}""");
        var connection = Connection();

        Assert.Empty(errors);
        patch!.ApplyTo(connection, connection.Settings, Now);
        Assert.Null(connection.ImportStatus);
        Assert.Equal(30, connection.MaxOrderAgeDays);
        Assert.False(connection.MarkDespatchedOnChannel);
        Assert.Equal("Demo", connection.TradingName);
        Assert.Equal(ConnectionStatus.Active, connection.Status);
    }

    [Fact]
    public void Suspending_keeps_the_credentials_so_the_connection_can_be_resumed()
    {
        var (patch, _) = Parse("""{"status":"suspended"}""");
        var connection = Connection();

        patch!.ApplyTo(connection, connection.Settings, Now);

        Assert.Equal(ConnectionStatus.Suspended, connection.Status);
        Assert.Equal("suspended by an operator", connection.StatusReason);
        Assert.Equal("secret-token", connection.Credential("accessToken"));
    }

    [Fact]
    public void Activating_a_pending_connection_approves_it_once()
    {
        var (patch, _) = Parse("""{"status":"Active"}""");
        var connection = Connection();
        connection.Status = ConnectionStatus.PendingApproval;

        patch!.ApplyTo(connection, connection.Settings, Now);

        Assert.Equal(ConnectionStatus.Active, connection.Status);
        Assert.Equal(Now, connection.ApprovedAt);
        Assert.Null(connection.StatusReason);
    }

    [Theory]
    [InlineData("""{"maxOrderAgeDays":0}""", "maxOrderAgeDays must be a whole number from 1 to 90")]
    [InlineData("""{"maxOrderAgeDays":91}""", "maxOrderAgeDays must be a whole number from 1 to 90")]
    [InlineData("""{"maxOrderAgeDays":"7"}""", "maxOrderAgeDays must be a whole number from 1 to 90")]
    [InlineData("""{"status":"ReconnectRequired"}""", "status must be \"Active\" (approve or resume) or \"Suspended\" (pause)")]
    [InlineData("""{"status":"Disconnected"}""", "status must be \"Active\" (approve or resume) or \"Suspended\" (pause)")]
    [InlineData("""{"settings":{"despatchedStatus":5}}""", "settings must be an object of strings (or null to clear one)")]
    [InlineData("""{"markDespatchedOnChannel":"yes"}""", "markDespatchedOnChannel must be true or false")]
    [InlineData("""{"tradingName":5}""", "tradingName must be a string or null")]
    public void Invalid_values_are_refused_with_the_rule(string json, string error)
    {
        var (patch, errors) = Parse(json);

        Assert.Null(patch);
        Assert.Contains(error, errors);
    }

    [Fact]
    public void An_unknown_property_or_an_empty_patch_is_refused()
    {
        Assert.Contains(Parse("""{"maxOrderAge":5}""").Errors, e => e.StartsWith("unknown property 'maxOrderAge'", StringComparison.Ordinal));
        Assert.Contains(Parse("{}").Errors, e => e.StartsWith("Nothing to change", StringComparison.Ordinal));
        Assert.Null(Parse("[]").Patch);
    }
}
