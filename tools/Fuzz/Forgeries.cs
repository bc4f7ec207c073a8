using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Demo;
using Fulfilment.Connections;
using Fulfilment.Secrets;
using Microsoft.Extensions.Options;

namespace Fuzz;

/// <summary>One check of a callback or webhook: a genuine request must be accepted, every forged, replayed, expired or wrongly-keyed one refused.</summary>
public sealed record ForgeryCheck(string Target, string Case, bool Genuine, int Status, bool Accepted)
{
    public bool Passed => Genuine == Accepted;
}

/// <summary>
/// For every callback and webhook: first a genuine request (so acceptance is known to work), then the same mutated:
/// another key or signature, the accepted one replayed, an expired one, one for another account or channel.
/// </summary>
public sealed class Forgeries(FuzzWorld world)
{
    private readonly DevStack _stack = world.Stack;
    private readonly List<ForgeryCheck> _checks = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public async Task<IReadOnlyList<ForgeryCheck>> RunAsync(CancellationToken ct)
    {
        await BigCommerceSignedCallbacksAsync(ct);
        await BigCommerceInstallAsync(ct);
        await EkmOAuthAsync(ct);
        await EkartWebhookAsync(ct);
        await BigCommerceWebhookAsync(ct);
        await ExportLinkAsync(ct);
        await ManagementKeyAsync(ct);
        return _checks;
    }

    private string Api(string pathAndQuery) => _stack.Host.BaseUrl + "/api/" + pathAndQuery;

    private async Task<(int Status, string Body)> SendAsync(HttpMethod method, string url, CancellationToken ct, string? key = null, byte[]? body = null,
        IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (key is not null)
            request.Headers.TryAddWithoutValidation("x-functions-key", key);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await _http.SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    private void Record(string target, string @case, bool genuine, int status, bool? accepted = null) =>
        _checks.Add(new ForgeryCheck(target, @case, genuine, status, accepted ?? status is >= 200 and < 300));

    // --- BigCommerce load / uninstall / remove_user: signed_payload_jwt, HS256 with our client secret, each accepted once.

    private async Task BigCommerceSignedCallbacksAsync(CancellationToken ct)
    {
        var secret = _stack.Settings["BigCommerce__ClientSecret"]!;
        var clientId = _stack.Settings["BigCommerce__ClientId"]!;
        var now = DateTimeOffset.UtcNow;
        foreach (var callback in new[] { "load", "remove_user", "uninstall" })
        {
            var target = $"ChannelCallback bigcommerce/{callback}";
            async Task<int> Call(string? jwt) =>
                (await SendAsync(HttpMethod.Get, Api($"channels/bigcommerce/{callback}" + (jwt is null ? "" : "?signed_payload_jwt=" + Uri.EscapeDataString(jwt))), ct)).Status;

            var genuine = BigCommerceJwt(secret, clientId, now, DevStack.DemoStoreHash);
            Record(target, "genuine", true, await Call(genuine));
            Record(target, "replayed", false, await Call(genuine));
            Record(target, "signed with another secret", false, await Call(BigCommerceJwt("not-" + secret, clientId, now, DevStack.DemoStoreHash)));
            Record(target, "claims changed after signing", false, await Call(Tamper(BigCommerceJwt(secret, clientId, now, DevStack.DemoStoreHash), "otherstore1")));
            Record(target, "alg none", false, await Call(BigCommerceJwt(secret, clientId, now, DevStack.DemoStoreHash, alg: "none")));
            Record(target, "expired", false, await Call(BigCommerceJwt(secret, clientId, now.AddDays(-2), DevStack.DemoStoreHash, lifetime: TimeSpan.FromHours(1))));
            Record(target, "not yet valid", false, await Call(BigCommerceJwt(secret, clientId, now.AddHours(2), DevStack.DemoStoreHash)));
            Record(target, "for another app (aud)", false, await Call(BigCommerceJwt(secret, "another-client-id", now, DevStack.DemoStoreHash)));
            Record(target, "another issuer", false, await Call(BigCommerceJwt(secret, clientId, now, DevStack.DemoStoreHash, issuer: "evil")));
            Record(target, "no payload", false, await Call(null));
            Record(target, "garbage payload", false, await Call("a.b.c"));
        }
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string BigCommerceJwt(string secret, string clientId, DateTimeOffset issuedAt, string storeHash, TimeSpan? lifetime = null, string alg = "HS256", string issuer = "bc")
    {
        var iat = issuedAt.ToUnixTimeSeconds();
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["typ"] = "JWT", ["alg"] = alg }));
        var body = B64(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = clientId, ["iss"] = issuer, ["iat"] = iat, ["nbf"] = iat, ["exp"] = iat + (long)(lifetime ?? TimeSpan.FromHours(24)).TotalSeconds,
            ["jti"] = Guid.NewGuid().ToString(), ["sub"] = $"stores/{storeHash}",
            ["user"] = new Dictionary<string, object> { ["id"] = 1, ["email"] = "fuzz@example.com" },
            ["owner"] = new Dictionary<string, object> { ["id"] = 1, ["email"] = "fuzz@example.com" },
            ["url"] = "/", ["channel_id"] = 1,
        }));
        var signature = alg == "none" ? "" : B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(header + "." + body)));
        return header + "." + body + "." + signature;
    }

    /// <summary>The same token with its subject changed and the old signature kept.</summary>
    private static string Tamper(string jwt, string storeHash)
    {
        var parts = jwt.Split('.');
        var padded = parts[1].Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        var claims = JsonNode.Parse(Convert.FromBase64String(padded))!;
        claims["sub"] = $"stores/{storeHash}";
        return parts[0] + "." + B64(Encoding.UTF8.GetBytes(claims.ToJsonString())) + "." + parts[2];
    }

    // --- BigCommerce install (auth): the code is single use at BigCommerce.

    private async Task BigCommerceInstallAsync(CancellationToken ct)
    {
        const string target = "ChannelCallback bigcommerce/auth";
        var clientId = _stack.Settings["BigCommerce__ClientId"];
        using var start = await _http.GetAsync($"{_stack.Sandbox.BaseUrl}/bigcommerce/login/app/{clientId}/install?store_hash={DevStack.DemoStoreHash}", ct);
        var callback = start.Headers.Location?.ToString();
        if (callback is null)
        {
            Record(target, $"genuine (the simulator gave no redirect: {(int)start.StatusCode})", true, (int)start.StatusCode, false);
            return;
        }
        Record(target, "genuine", true, (await SendAsync(HttpMethod.Get, callback, ct)).Status);
        Record(target, "replayed", false, (await SendAsync(HttpMethod.Get, callback, ct)).Status);
        var forged = System.Text.RegularExpressions.Regex.Replace(callback, "code=[^&]*", "code=forged-code-" + Guid.NewGuid().ToString("N"));
        Record(target, "forged code", false, (await SendAsync(HttpMethod.Get, forged, ct)).Status);
    }

    // --- EKM OAuth callback: our signed state (HMAC with a key derived from the secrets key), 15 minutes, used once.

    private async Task EkmOAuthAsync(CancellationToken ct)
    {
        const string target = "ChannelCallback ekm/oauth";
        const string shop = "fuzz-ekm-shop";
        _stack.Sandbox.Ekm.CreateShop(shop);
        var callback = await EkmCallbackUrlAsync(shop, ct);
        if (callback is null)
        {
            Record(target, "genuine (no redirect from the simulator)", true, 0, false);
            return;
        }
        Record(target, "genuine", true, (await SendAsync(HttpMethod.Get, callback, ct)).Status);
        Record(target, "replayed", false, (await SendAsync(HttpMethod.Get, callback, ct)).Status);

        var fresh = await EkmCallbackUrlAsync(shop, ct) ?? callback;
        string WithState(string url, string state) => System.Text.RegularExpressions.Regex.Replace(url, "state=[^&]*", "state=" + Uri.EscapeDataString(state));
        var state = System.Web.HttpUtility.ParseQueryString(new Uri(fresh).Query)["state"]!;
        var flipped = state[..^1] + (state[^1] == 'A' ? 'B' : 'A');
        Record(target, "signature changed", false, (await SendAsync(HttpMethod.Get, WithState(fresh, flipped), ct)).Status);
        var values = new Dictionary<string, string> { [ConnectState.TradingName] = "Forged" };
        var activeKey = _stack.Settings["Secrets__ActiveKey"]!;
        Record(target, "state for another channel", false, (await SendAsync(HttpMethod.Get, WithState(fresh, States(activeKey, TimeProvider.System).Create("bigcommerce", values)), ct)).Status);
        Record(target, "expired state", false, (await SendAsync(HttpMethod.Get, WithState(fresh, States(activeKey, new ShiftedTime(TimeSpan.FromMinutes(-20))).Create("ekm", values)), ct)).Status);
        var otherKey = "local9:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Record(target, "state signed with another key", false, (await SendAsync(HttpMethod.Get, WithState(fresh, States(otherKey, TimeProvider.System).Create("ekm", values)), ct)).Status);
        Record(target, "no state", false, (await SendAsync(HttpMethod.Get, System.Text.RegularExpressions.Regex.Replace(fresh, "state=[^&]*&?", ""), ct)).Status);
        Record(target, "genuine state, forged code", false,
            (await SendAsync(HttpMethod.Get, System.Text.RegularExpressions.Regex.Replace(fresh, "code=[^&]*", "code=forged" + Guid.NewGuid().ToString("N")), ct)).Status);
    }

    /// <summary>The operator's connect call, the merchant's consent at (simulated) EKM, and the redirect it sends the browser to.</summary>
    private async Task<string?> EkmCallbackUrlAsync(string shop, CancellationToken ct)
    {
        using var connect = await _stack.Admin.PostAsync("manage/channels/ekm/connect",
            new StringContent("{\"tradingName\":\"Fuzz EKM\"}", Encoding.UTF8, "application/json"), ct);
        var authorizeUrl = JsonNode.Parse(await connect.Content.ReadAsStringAsync(ct))?["authorizeUrl"]?.GetValue<string>();
        if (authorizeUrl is null)
            return null;
        _stack.Sandbox.Ekm.ConsentAs(shop);
        using var consent = await _http.GetAsync(authorizeUrl, ct);
        return consent.Headers.Location?.ToString();
    }

    private static OAuthStates States(string key, TimeProvider time) =>
        new(new SecretProtector(Options.Create(new SecretsOptions { ActiveKey = key })), null!, time);

    private sealed class ShiftedTime(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().Add(by);
    }

    // --- Ekart tracking webhook: HMAC-SHA256 of the raw body with the account's webhook secret; stale events refused; a replay changes nothing.

    private async Task EkartWebhookAsync(CancellationToken ct)
    {
        const string target = "CarrierWebhook ekart";
        var key = _stack.Host.FunctionKey;
        async Task<(int, string)> Post(byte[] body, string? signature, string account = FuzzWorld.EkartAccountId, string? functionKey = "")
        {
            var headers = new Dictionary<string, string>();
            if (signature is not null)
                headers["X-Ekart-Signature"] = signature;
            return await SendAsync(HttpMethod.Post, Api($"carriers/ekart/webhook?account={account}"), ct, functionKey == "" ? key : functionKey, body, headers);
        }
        byte[] Event(DateTimeOffset at, string id) => JsonSerializer.SerializeToUtf8Bytes(new
        {
            tracking_id = "FUZZTRK" + id, status = "In Transit", event_date_iso8601 = at.ToString("yyyy-MM-ddTHH:mm:ssZ"), city = "Bengaluru", event_id = "fuzz-" + id,
        });
        static string Sign(byte[] body, string secret) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        static bool Acted((int Status, string Body) answer) =>
            answer.Status is >= 200 and < 300 && !(JsonNode.Parse(answer.Body)?["duplicate"]?.GetValue<bool>() ?? false);

        var now = DateTimeOffset.UtcNow;
        var genuine = Event(now.AddMinutes(-1), Guid.NewGuid().ToString("N")[..8]);
        var first = await Post(genuine, Sign(genuine, FuzzWorld.EkartWebhookSecret));
        Record(target, "genuine", true, first.Item1, Acted(first));
        var replay = await Post(genuine, Sign(genuine, FuzzWorld.EkartWebhookSecret));
        Record(target, "replayed (must answer duplicate)", false, replay.Item1, Acted(replay));
        var body = Event(now.AddMinutes(-1), Guid.NewGuid().ToString("N")[..8]);
        Record(target, "signed with a wrong secret", false, (await Post(body, Sign(body, "wrong-secret"))).Item1);
        Record(target, "signed with another account's secret", false, (await Post(body, Sign(body, FuzzWorld.OtherEkartWebhookSecret))).Item1);
        Record(target, "body changed after signing", false, (await Post(Event(now.AddMinutes(-1), "tampered"), Sign(body, FuzzWorld.EkartWebhookSecret))).Item1);
        Record(target, "unsigned", false, (await Post(body, null)).Item1);
        Record(target, "signature garbage", false, (await Post(body, "sha256=zz")).Item1);
        var old = Event(now.AddDays(-30), Guid.NewGuid().ToString("N")[..8]);
        Record(target, "expired event (30 days old)", false, (await Post(old, Sign(old, FuzzWorld.EkartWebhookSecret))).Item1);
        var future = Event(now.AddDays(1), Guid.NewGuid().ToString("N")[..8]);
        Record(target, "event dated tomorrow", false, (await Post(future, Sign(future, FuzzWorld.EkartWebhookSecret))).Item1);
        Record(target, "no function key", false, (await Post(body, Sign(body, FuzzWorld.EkartWebhookSecret), functionKey: null)).Item1);
        Record(target, "wrong function key", false, (await Post(body, Sign(body, FuzzWorld.EkartWebhookSecret), functionKey: "wrong-key")).Item1);
    }

    // --- Ecomdash export link: anonymous route, guarded by an unguessable key that a new link revokes.

    // --- BigCommerce order webhooks: Standard Webhooks signature (HMAC-SHA256 with our client secret over id.timestamp.body)
    // and a 5-minute window; anything else is 401 and changes nothing.
    private async Task BigCommerceWebhookAsync(CancellationToken ct)
    {
        const string target = "ChannelCallback bigcommerce/webhook";
        var secret = _stack.Settings["BigCommerce__ClientSecret"]!;
        async Task<int> Post(byte[] body, IDictionary<string, string> headers) =>
            (await SendAsync(HttpMethod.Post, Api("channels/bigcommerce/webhook"), ct, body: body, headers: headers)).Status;
        byte[] Delivery(long orderId) => JsonSerializer.SerializeToUtf8Bytes(new
        {
            scope = "store/order/created", store_id = "1001", data = new { type = "order", id = orderId },
            hash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), created_at = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            producer = $"stores/{DevStack.DemoStoreHash}",
        });
        static Dictionary<string, string> Signed(byte[] body, string key, DateTimeOffset at, string id = "msg_fuzz")
        {
            var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new Dictionary<string, string>
            {
                ["webhook-id"] = id,
                ["webhook-timestamp"] = timestamp,
                ["webhook-signature"] = Fulfilment.Channels.BigCommerce.BigCommerceWebhookSignature.Sign(key, id, timestamp, body),
            };
        }

        var now = DateTimeOffset.UtcNow;
        var genuine = Delivery(990001);
        Record(target, "genuine", true, await Post(genuine, Signed(genuine, secret, now)));
        var captured = Delivery(990002);
        Record(target, "replayed 10 minutes after signing", false, await Post(captured, Signed(captured, secret, now.AddMinutes(-10))));
        Record(target, "dated 10 minutes ahead", false, await Post(captured, Signed(captured, secret, now.AddMinutes(10))));
        Record(target, "signed with a wrong secret", false, await Post(captured, Signed(captured, "not-" + secret, now)));
        Record(target, "body changed after signing", false, await Post(Delivery(990003), Signed(captured, secret, now)));
        Record(target, "id changed after signing", false, await Post(captured, new Dictionary<string, string>(Signed(captured, secret, now)) { ["webhook-id"] = "msg_other" }));
        Record(target, "unsigned", false, await Post(captured, new Dictionary<string, string>()));
        var noSignature = Signed(captured, secret, now);
        noSignature.Remove("webhook-signature");
        Record(target, "no signature header", false, await Post(captured, noSignature));
        Record(target, "signature garbage", false, await Post(captured, new Dictionary<string, string>(Signed(captured, secret, now)) { ["webhook-signature"] = "v1,zz v1," }));
        Record(target, "another scheme (v1a)", false, await Post(captured, new Dictionary<string, string>(Signed(captured, secret, now)) { ["webhook-signature"] = Signed(captured, secret, now)["webhook-signature"].Replace("v1,", "v1a,", StringComparison.Ordinal) }));
    }

    private async Task ExportLinkAsync(CancellationToken ct)
    {
        const string target = "ListingExport ecomdash";
        var url = world.ExportUrl;
        Record(target, "genuine", true, (await SendAsync(HttpMethod.Get, url, ct)).Status);
        var key = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["key"]!;
        Record(target, "wrong key", false, (await SendAsync(HttpMethod.Get, url.Replace(key, "A" + key[1..], StringComparison.Ordinal), ct)).Status);
        Record(target, "no key", false, (await SendAsync(HttpMethod.Get, url[..url.IndexOf('?')], ct)).Status);
        Record(target, "key of another connection", false, (await SendAsync(HttpMethod.Get, url.Replace(EcomdashDemo.ConnectionId, DevStack.BigCommerceConnectionId(DevStack.DemoStoreHash), StringComparison.Ordinal), ct)).Status);
        Record(target, "another channel in the route", false, (await SendAsync(HttpMethod.Get, url.Replace("/ecomdash/", "/bigcommerce/", StringComparison.Ordinal), ct)).Status);
        world.ExportUrl = await world.IssueExportLinkAsync(ct);
        Record(target, "revoked link (a new one was issued)", false, (await SendAsync(HttpMethod.Get, url, ct)).Status);
        Record(target, "genuine (the new link)", true, (await SendAsync(HttpMethod.Get, world.ExportUrl, ct)).Status);
    }

    // --- Management routes: function key required.

    private async Task ManagementKeyAsync(CancellationToken ct)
    {
        foreach (var route in new[] { "manage/connections", "manage/carrier-accounts", "manage/failures", "health" })
        {
            var target = $"key on {route}";
            Record(target, "genuine", true, (await SendAsync(HttpMethod.Get, Api(route), ct, _stack.Host.FunctionKey)).Status);
            Record(target, "no key", false, (await SendAsync(HttpMethod.Get, Api(route), ct)).Status);
            Record(target, "wrong key", false, (await SendAsync(HttpMethod.Get, Api(route), ct, "wrong-" + _stack.Host.FunctionKey)).Status);
            Record(target, "wrong ?code=", false, (await SendAsync(HttpMethod.Get, Api(route + "?code=nope"), ct)).Status);
            Record(target, "key with a changed letter", false, (await SendAsync(HttpMethod.Get, Api(route), ct, "x" + _stack.Host.FunctionKey[1..])).Status);
        }
    }
}
