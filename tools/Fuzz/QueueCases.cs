using System.Text;
using System.Text.Json;
using CsCheck;

namespace Fuzz;

/// <summary>One generated queue message: what it is (kind), and the exact text put on the queue.</summary>
public sealed record QueueCase(string Kind, string RawText)
{
    /// <summary>Not base64 while the host expects base64: the host parks it before the app sees it.</summary>
    public bool NotBase64 => Kind == WrongEncoding;
    public const string WrongEncoding = "raw text, not base64";
    public override string ToString() => $"{Kind}: {HttpCase.Shorten(RawText, 300)}";
}

/// <summary>
/// The generator of messages for one queue: messages of the right shape with ids that are wrong, absent, of another
/// type or hostile; any JSON; truncated JSON; text that is not UTF-8; UTF-16; raw text where the host wants base64;
/// and messages near the queue's 64 KiB limit. The app's messages are base64 of UTF-8 JSON (host.json messageEncoding).
/// </summary>
public static class QueueCases
{
    private static readonly string[] MessageFields =
        ["connectionId", "channelOrderId", "carrierAccountId", "carrierShipmentId", "reason", "source", "attempt", "traceParent", "created"];

    public static Gen<QueueCase> For(KnownValues known)
    {
        var id = Gen.Frequency(
            (5, Gen.OneOf(known.ConnectionIds.Concat(known.OrderIds).Concat(known.CarrierAccountIds).ToArray()).Select(s => JsonSerializer.Serialize(s))),
            (4, FuzzGen.JsonString),
            (2, FuzzGen.JsonScalar),
            (1, FuzzGen.Json(2)));
        var traceParent = Gen.Frequency(
            (2, Gen.Const("\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"")),
            (3, FuzzGen.JsonString),
            (1, Gen.OneOf("\"00-00000000000000000000000000000000-0000000000000000-00\"", "\"ff-zz-yy-01\"", "\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra\"")));
        var source = Gen.OneOf("\"Channel\"", "\"Operator\"", "0", "1", "7", "\"Nope\"", "null");
        // An import hint's "created" flag: booleans, and what is not one.
        var created = Gen.OneOf("true", "false", "\"true\"", "1", "null", "{}");
        var flagged = Gen.Select(traceParent, created, (t, c) => (TraceParent: t, Created: c));
        var fieldsShaped = Gen.Select(id, id, id, id, FuzzGen.JsonScalar, source, FuzzGen.JsonNumber, flagged, Gen.Int[0, 511], (a, b, c, d, e, s, n, f, present) =>
        {
            var values = new[] { a, b, c, d, e, s, n, f.TraceParent, f.Created };
            var fields = MessageFields.Select((name, i) => (name, values[i])).Where((_, i) => (present & (1 << i)) != 0 || i < 2);
            return "{" + string.Join(",", fields.Select(f => $"\"{f.name}\":{f.Item2}")) + "}";
        });
        // A write-back message carries more orders of its connection: lists of the right shape (up to more than the
        // most allowed) with hostile ids, lists of anything, and not lists at all.
        var more = Gen.Frequency(
            (3, Gen.Select(id, traceParent, (o, t) => $"{{\"channelOrderId\":{o},\"traceParent\":{t}}}").Array[0, 20].Select(items => "[" + string.Join(",", items) + "]")),
            (1, FuzzGen.Json(2).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (1, FuzzGen.JsonScalar));
        var shaped = Gen.Select(fieldsShaped, more, Gen.Int[0, 3], (text, extra, include) => include == 0 ? text[..^1] + ",\"more\":" + extra + "}" : text);
        var validWithRealIds = Gen.Select(Gen.OneOf(known.ConnectionIds.ToArray()), Gen.OneOf(known.OrderIds.ToArray()),
            (c, o) => JsonSerializer.Serialize(new { connectionId = c, channelOrderId = o, reason = "fuzz", source = "Operator", carrierAccountId = "rm-demo", carrierShipmentId = o }));

        static Gen<QueueCase> Base64(string kind, Gen<byte[]> bytes) => bytes.Select(b => new QueueCase(kind, Convert.ToBase64String(b)));
        static Gen<byte[]> Utf8(Gen<string> text) => text.Select(Encoding.UTF8.GetBytes);
        return Gen.Frequency(
            (6, Base64("message shape, wrong ids", Utf8(shaped))),
            (1, Base64("message with real ids", Utf8(validWithRealIds))),
            (3, Base64("random JSON", Utf8(FuzzGen.AnyJson))),
            (2, Base64("truncated JSON", Utf8(FuzzGen.Truncated(shaped)))),
            (1, Base64("deep JSON", Utf8(FuzzGen.DeepJson))),
            (2, Base64("unicode text", Utf8(FuzzGen.AnyText))),
            (2, Base64("invalid UTF-8", FuzzGen.NotUtf8)),
            (1, Base64("random bytes", FuzzGen.RandomBytes)),
            (1, Base64("UTF-16/32 JSON", FuzzGen.OtherEncoding)),
            (1, Base64("near 64 KiB", Gen.Int[30_000, 47_000].Select(n => Encoding.UTF8.GetBytes("{\"connectionId\":\"" + new string('c', n) + "\",\"channelOrderId\":\"1\"}")))),
            (2, shaped.Select(text => new QueueCase(QueueCase.WrongEncoding, text))));
    }
}
