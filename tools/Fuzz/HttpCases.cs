using System.Text;
using CsCheck;

namespace Fuzz;

/// <summary>How a case presents the function key.</summary>
public enum KeyMode { Header, QueryCode, None, Wrong, WrongQueryCode }

/// <summary>One generated HTTP request: what it is (kind), and exactly what is sent.</summary>
public sealed record HttpCase(string Kind, string Method, string PathAndQuery, byte[]? Body, string? ContentType, KeyMode Key)
{
    public bool KeyIsValid => Key is KeyMode.Header or KeyMode.QueryCode;
    public override string ToString() =>
        $"{Kind}: {Method} {Shorten(PathAndQuery, 200)} key={Key} type={ContentType ?? "(none)"} body={Describe(Body)}";

    private static string Describe(byte[]? body) => body is null ? "(none)"
        : body.Length > 300 ? $"{body.Length} bytes" : Shorten(Encoding.UTF8.GetString(body), 300);

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"…({text.Length} chars)";
}

/// <summary>What the generators may draw from besides noise: ids and names that exist in the running stack.</summary>
public sealed record KnownValues(IReadOnlyList<string> ConnectionIds, IReadOnlyList<string> CarrierAccountIds, IReadOnlyList<string> OrderIds,
    IReadOnlyList<string> Channels, IReadOnlyList<string> Carriers, IReadOnlyList<string> BodyTemplates);

/// <summary>The generator of requests for one HTTP function, built from its route template and methods.</summary>
public static class HttpCases
{
    private static readonly string[] OtherMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    private static readonly string[] QueryNames =
        ["take", "skip", "continuation", "kind", "state", "status", "from", "to", "code", "context", "scope", "signed_payload_jwt", "account", "key", "error", "store_hash", "q"];
    private static readonly string[] ChannelActions = ["auth", "load", "uninstall", "remove_user", "oauth", "webhook", "export", "connect"];
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data", "application/xml", "application/problem+json", "application/json; charset=nonsense", "*/*", "application/",
    ];

    public static Gen<HttpCase> For(HttpTarget target, KnownValues known)
    {
        var method = Gen.Frequency((9, Gen.OneOf(target.Methods.ToArray())), (1, Gen.OneOf(OtherMethods)));
        var path = RoutePath(target.Route, known);
        var query = Query(known);
        var key = target.NeedsKey
            ? Gen.Frequency((16, Gen.Const(KeyMode.Header)), (1, Gen.Const(KeyMode.QueryCode)), (1, Gen.Const(KeyMode.None)), (1, Gen.Const(KeyMode.Wrong)), (1, Gen.Const(KeyMode.WrongQueryCode)))
            : Gen.Const(KeyMode.None);
        var contentType = Gen.Frequency((6, Gen.Const<string?>("application/json")), (3, Gen.OneOf(ContentTypes).Select(t => (string?)t)), (1, Gen.Const((string?)null)));
        var body = Body(known);
        return Gen.Select(method, path, query, key, contentType, body, (m, p, q, k, t, b) =>
            new HttpCase(b.Kind, m, p + q, b.Bytes, b.Bytes is null && t == "application/json" ? null : t, k));
    }

    private static Gen<(string Kind, byte[]? Bytes)> Body(KnownValues known)
    {
        static Gen<(string, byte[]?)> Utf8(string kind, Gen<string> text) => text.Select(t => (kind, (byte[]?)Encoding.UTF8.GetBytes(t)));
        return Gen.Frequency(
            (2, Gen.Const<(string, byte[]?)>(("no body", null))),
            (1, Gen.Const<(string, byte[]?)>(("empty body", []))),
            (6, Utf8("wrong types", FuzzGen.Mutated(known.BodyTemplates))),
            (2, Utf8("valid body", Gen.OneOf(known.BodyTemplates.ToArray()))),
            (4, Utf8("random JSON", FuzzGen.AnyJson)),
            (3, Utf8("truncated JSON", FuzzGen.Truncated(Gen.Frequency((1, FuzzGen.AnyJson), (2, Gen.OneOf(known.BodyTemplates.ToArray())))))),
            (1, Utf8("deep JSON", FuzzGen.DeepJson)),
            (2, Utf8("unicode text", FuzzGen.AnyText)),
            (2, FuzzGen.NotUtf8.Select(b => ("invalid UTF-8", (byte[]?)b))),
            (1, FuzzGen.RandomBytes.Select(b => ("random bytes", (byte[]?)b))),
            (2, FuzzGen.OtherEncoding.Select(b => ("UTF-16/32 JSON", (byte[]?)b))),
            (1, FuzzGen.Oversized.Select(b => ("oversized (>1 MB)", (byte[]?)b))));
    }

    /// <summary>The route with each parameter drawn from known values, noise, traversal tricks or (optional ones) left out.</summary>
    private static Gen<string> RoutePath(string template, KnownValues known)
    {
        var segments = template.Split('/').Select(segment =>
        {
            if (!(segment.StartsWith('{') && segment.EndsWith('}')))
                return Gen.Const(segment);
            var name = segment.Trim('{', '}', '?');
            var optional = segment.EndsWith("?}", StringComparison.Ordinal);
            var real = name switch
            {
                "channel" => known.Channels,
                "carrier" => known.Carriers,
                "action" => ChannelActions,
                "run" => ["link", "sync"],
                "channelOrderId" => known.OrderIds,
                "connectionId" => known.ConnectionIds,
                _ => known.ConnectionIds.Concat(known.CarrierAccountIds).Concat(["retry", "resolve", "dismiss"]).ToList(),
            };
            var values = Gen.Frequency(
                (6, Gen.OneOf(real.ToArray()).Select(Uri.EscapeDataString)),
                (3, FuzzGen.AnyText.Select(t => t.Length == 0 ? "x" : Uri.EscapeDataString(t))),
                (1, Gen.OneOf("..", "%2e%2e", "%2F", "%00", "%FF%FE", "%C0%AF", "a%20b", "%E2%80%AE", "~", "CON", ".", new string('a', 3000))));
            return optional ? Gen.Frequency((4, values), (1, Gen.Const(""))) : values;
        }).ToArray();
        return Gen.Select(segments.Aggregate(Gen.Const(new List<string>()), (acc, next) => Gen.Select(acc, next, (list, s) => list.Append(s).ToList())),
            parts => "/api/" + string.Join("/", parts).TrimEnd('/'));
    }

    private static Gen<string> Query(KnownValues known)
    {
        var value = Gen.Frequency(
            (3, FuzzGen.AnyText),
            (2, FuzzGen.JsonNumber),
            (1, Gen.OneOf(known.ConnectionIds.Concat(known.OrderIds).ToArray())),
            (1, Gen.Const("")));
        var pair = Gen.Select(Gen.Frequency((4, Gen.OneOf(QueryNames)), (1, FuzzGen.Text)), value, Gen.Int[0, 5],
            (k, v, shape) => shape switch
            {
                0 => Uri.EscapeDataString(k),                       // a name with no value
                1 => Uri.EscapeDataString(k) + "=" + v,             // raw, unescaped
                _ => Uri.EscapeDataString(k) + "=" + Uri.EscapeDataString(v),
            });
        return Gen.Frequency(
            (3, Gen.Const("")),
            (5, pair.Array[1, 6].Select(p => "?" + string.Join("&", p))),
            (1, Gen.OneOf("?", "?&&&", "?=", "?a=1&a=2&a=3", "?%ZZ=%ZZ", "?take=-1", "?take=99999999999", "?skip=1e9")));
    }
}
