using System.Text;
using Fulfilment.Carriers.Ekart;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Fulfilment.Tests.Carriers.Ekart;

public class EkartTokenCacheTests
{
    private static readonly EkartCredential Account = new("ekart-in", "FFQ", "merchant-token");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));

    private EkartTokenCache Cache() => new(_time, new StaticOptions(new EkartOptions
    {
        TokenRenewBefore = TimeSpan.FromMinutes(5),
        TokenFallbackLifetime = TimeSpan.FromMinutes(40),
    }));

    private static string Jwt(DateTimeOffset expires) =>
        "Bearer " + Part("{\"alg\":\"RS256\"}") + "." + Part($"{{\"exp\":{expires.ToUnixTimeSeconds()},\"jti\":\"{Guid.NewGuid()}\"}}") + ".sig";

    private static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task A_token_is_kept_until_shortly_before_its_jwt_expires()
    {
        var cache = Cache();
        var issued = 0;
        Task<string> Issue(CancellationToken _) { issued++; return Task.FromResult(Jwt(_time.GetUtcNow().AddMinutes(50))); }

        var first = await cache.GetAsync(Account, Issue, default);
        _time.Advance(TimeSpan.FromMinutes(44));
        Assert.Equal(first, await cache.GetAsync(Account, Issue, default));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotEqual(first, await cache.GetAsync(Account, Issue, default));
        Assert.Equal(2, issued);
    }

    [Fact]
    public async Task A_token_without_a_readable_expiry_is_kept_for_the_fallback_lifetime()
    {
        var cache = Cache();
        var issued = 0;
        Task<string> Issue(CancellationToken _) => Task.FromResult($"Bearer opaque-{++issued}");

        await cache.GetAsync(Account, Issue, default);
        _time.Advance(TimeSpan.FromMinutes(39));
        await cache.GetAsync(Account, Issue, default);
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("Bearer opaque-2", await cache.GetAsync(Account, Issue, default));
    }

    [Fact]
    public async Task Dropping_a_stale_token_keeps_a_newer_one_another_caller_got()
    {
        var cache = Cache();
        var next = 0;
        Task<string> Issue(CancellationToken _) => Task.FromResult($"Bearer opaque-{++next}");

        var stale = await cache.GetAsync(Account, Issue, default);
        cache.Invalidate(Account, stale);
        var fresh = await cache.GetAsync(Account, Issue, default);
        cache.Invalidate(Account, stale); // a second caller that also saw the old token expire

        Assert.Equal(fresh, await cache.GetAsync(Account, Issue, default));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_issue()
    {
        var cache = Cache();
        var issued = 0;
        var gate = new TaskCompletionSource();
        async Task<string> Issue(CancellationToken _) { Interlocked.Increment(ref issued); await gate.Task; return "Bearer shared"; }

        var calls = Enumerable.Range(0, 8).Select(_ => cache.GetAsync(Account, Issue, default)).ToList();
        gate.SetResult();

        Assert.All(await Task.WhenAll(calls), t => Assert.Equal("Bearer shared", t));
        Assert.Equal(1, issued);
    }

    [Fact]
    public async Task A_new_token_on_the_account_is_never_served_the_old_bearer()
    {
        var cache = Cache();
        await cache.GetAsync(Account, _ => Task.FromResult("Bearer old"), default);

        Assert.Equal("Bearer new", await cache.GetAsync(Account with { Token = "rotated" }, _ => Task.FromResult("Bearer new"), default));
    }

    [Fact]
    public void The_expiry_is_read_from_the_jwt() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero), EkartTokenCache.ExpiryOf(Jwt(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero))));

    private sealed class StaticOptions(EkartOptions value) : IOptionsMonitor<EkartOptions>
    {
        public EkartOptions CurrentValue => value;
        public EkartOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<EkartOptions, string?> listener) => null;
    }
}
