using Fulfilment.Channels.Ekm;
using Fulfilment.Connections;
using Fulfilment.Partners;

namespace Fulfilment.IntegrationTests.Channels.Ekm;

/// <summary>Single-use refresh tokens: one refresh per connection at a time across instances, nothing lost, refusals surfaced.</summary>
public class EkmTokenTests
{
    [Fact]
    public async Task Two_instances_needing_a_new_token_at_once_refresh_once_and_both_use_the_new_token()
    {
        await using var first = await EkmHarness.StartAsync();
        await using var second = await first.AnotherInstanceAsync();
        var username = first.NewShop();
        var connection = await ExpiredAsync(first, await first.ConnectAsync(username));
        first.Simulator.ClearRequests();

        // Each instance holds its own copy of the connection, as two queue invocations would.
        var copyA = await first.ReloadAsync(connection);
        var copyB = await second.ReloadAsync(connection);
        var tokens = await Task.WhenAll(
            first.Get<EkmTokens>().AccessTokenAsync(copyA, CancellationToken.None),
            second.Get<EkmTokens>().AccessTokenAsync(copyB, CancellationToken.None));

        Assert.Equal(tokens[0], tokens[1]);
        Assert.Single(first.TokenRequests());
        Assert.Equal(1, first.Simulator.LiveRefreshTokenCount(username));
        var stored = EkmTokenSet.From(await first.ReloadAsync(connection))!;
        Assert.Equal(tokens[0], stored.AccessToken);
        // The stored refresh token is the live one: the chain goes on.
        var next = await first.Get<EkmAuth>().RefreshAsync(stored.RefreshToken, CancellationToken.None);
        Assert.NotEqual(stored.AccessToken, next.AccessToken);
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_and_the_call_goes_through()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        ekm.Simulator.AddOrder(username, Paid("PROCESSING"));
        // EKM expired the token early (its clock ahead of ours): the first call answers 401.
        ekm.Simulator.ExpireAccessTokens(username);

        var pages = await ekm.ReadAllAsync(connection);

        Assert.Single(pages.SelectMany(p => p.Orders));
        Assert.Equal(EkmTokenSet.From(connection)!.AccessToken, EkmTokenSet.From(await ekm.ReloadAsync(connection))!.AccessToken);
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_an_authentication_failure_naming_the_likely_causes()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ExpiredAsync(ekm, await ekm.ConnectAsync(username));
        ekm.Simulator.RevokeRefreshTokens(username);

        var failure = await Assert.ThrowsAsync<EkmException>(() => ekm.ReadAllAsync(connection));

        Assert.Equal(PartnerFailureKind.Authentication, failure.Kind);
        Assert.Equal("invalid_grant", failure.PartnerErrorCode);
        Assert.Contains("15 days", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_token_unused_for_fifteen_days_has_lapsed()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ExpiredAsync(ekm, await ekm.ConnectAsync(username));
        ekm.Simulator.AdvanceClock(TimeSpan.FromDays(15) + TimeSpan.FromMinutes(1));

        var failure = await Assert.ThrowsAsync<EkmException>(() => ekm.Get<EkmTokens>().AccessTokenAsync(connection, CancellationToken.None));

        Assert.Equal(PartnerFailureKind.Authentication, failure.Kind);
    }

    [Fact]
    public async Task Disconnecting_revokes_the_refresh_token_at_ekm()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        Assert.Equal(1, ekm.Simulator.LiveRefreshTokenCount(username));

        await ekm.Get<EkmConnect>().RevokeAsync(connection, CancellationToken.None);

        Assert.Equal(0, ekm.Simulator.LiveRefreshTokenCount(username));
    }

    [Fact]
    public async Task A_connection_waiting_for_approval_is_kept_alive_by_the_poll_timer_so_its_refresh_token_never_lapses()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username, approve: false);
        Assert.Equal(ConnectionStatus.PendingApproval, connection.Status);
        // Eight days without a poll: the approval is slow.
        ekm.Simulator.AdvanceClock(TimeSpan.FromDays(8));
        var tokens = EkmTokenSet.From(connection)!;
        (tokens with { ExpiresAt = DateTimeOffset.UtcNow.AddDays(-8) }).ApplyTo(connection);
        await ekm.Connections.SaveAsync(connection, CancellationToken.None);
        ekm.Simulator.ClearRequests();

        await ekm.Get<Fulfilment.Pipeline.PollChannelsStep>().RunAsync(CancellationToken.None);
        await ekm.Get<Fulfilment.Pipeline.PollChannelsStep>().RunAsync(CancellationToken.None);

        Assert.Single(ekm.TokenRequests()); // refreshed once, not on every timer
        var kept = await ekm.ReloadAsync(connection);
        Assert.Equal(ConnectionStatus.PendingApproval, kept.Status);
        // Eighteen days after the consent, ten after the keep-alive: the chain still works.
        ekm.Simulator.AdvanceClock(TimeSpan.FromDays(10));
        var next = await ekm.Get<EkmAuth>().RefreshAsync(EkmTokenSet.From(kept)!.RefreshToken, CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(next.AccessToken));
    }

    /// <summary>Makes the stored access token look expired to us, so the next call refreshes.</summary>
    internal static async Task<ChannelConnection> ExpiredAsync(EkmHarness ekm, ChannelConnection connection)
    {
        var tokens = EkmTokenSet.From(connection)!;
        (tokens with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }).ApplyTo(connection);
        await ekm.Connections.SaveAsync(connection, CancellationToken.None);
        return connection;
    }

    internal static Sandbox.Ekm.EkmOrderSeed Paid(string status) => new() { Status = status };
}
