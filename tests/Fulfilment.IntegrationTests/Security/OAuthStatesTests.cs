using Fulfilment.Connections;
using Fulfilment.IntegrationTests.Storage;
using Fulfilment.Secrets;
using Fulfilment.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Fulfilment.IntegrationTests.Security;

/// <summary>OAuth connect states: signed, for one channel, expiring, and accepted once across instances (single-use rows in Azurite).</summary>
public sealed class OAuthStatesTests
{
    private static readonly Dictionary<string, string> Values = new() { [ConnectState.TradingName] = "Demo Goods Ltd" };

    private static OAuthStates States(StorageTestContext ctx, TimeProvider time, string key = Infrastructure.TestSecrets.ActiveKey) =>
        new(new SecretProtector(Options.Create(new SecretsOptions { ActiveKey = key })), ctx.Get<ISingleUseTokenStore>(), time);

    [Fact]
    public async Task A_state_is_redeemed_once_with_its_values_on_any_instance()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var state = States(ctx, TimeProvider.System).Create("EKM", Values);

        var (values, failure) = await States(ctx, TimeProvider.System).RedeemAsync("ekm", state, default);
        var (_, replay) = await States(ctx, TimeProvider.System).RedeemAsync("EKM", state, default);

        Assert.Null(failure);
        Assert.Equal("Demo Goods Ltd", values![ConnectState.TradingName]);
        Assert.Contains("used already", replay);
    }

    [Fact]
    public async Task A_forged_altered_foreign_expired_or_missing_state_is_refused()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var states = States(ctx, clock);
        var state = states.Create("EKM", Values);
        var otherKey = "other:" + Convert.ToBase64String(new byte[32]);
        var forged = States(ctx, clock, otherKey).Create("EKM", Values);
        var altered = state[..^3] + (state[^3] == 'A' ? "BBB" : "AAA");

        Assert.Contains("signature", (await states.RedeemAsync("EKM", forged, default)).Failure);
        Assert.Contains("signature", (await states.RedeemAsync("EKM", altered, default)).Failure);
        Assert.Contains("another channel", (await states.RedeemAsync("BigCommerce", state, default)).Failure);
        Assert.Contains("no state", (await states.RedeemAsync("EKM", null, default)).Failure);
        Assert.Contains("not one we issued", (await states.RedeemAsync("EKM", "garbage", default)).Failure);
        clock.Advance(OAuthStates.Lifetime + TimeSpan.FromSeconds(1));
        Assert.Contains("expired", (await states.RedeemAsync("EKM", state, default)).Failure);
    }
}
