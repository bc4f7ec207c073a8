using System.Security.Cryptography;
using System.Text;

namespace Fulfilment.Orders;

/// <summary>
/// The deterministic identity of an order: the connection it came from and the channel's order id.
/// Every redelivery of the same order maps to the same key, so writes can be idempotent.
/// </summary>
public readonly record struct OrderKey(string ConnectionId, string ChannelOrderId)
{
    /// <summary>
    /// The reference we give the carrier (at most 40 characters, Click &amp; Drop's limit): derived from the key so a
    /// retry after an ambiguous failure can find the carrier order it may already have created.
    /// </summary>
    public string CarrierReference
    {
        get
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ConnectionId}\n{ChannelOrderId}"));
            var suffix = Convert.ToHexString(hash, 0, 4).ToLowerInvariant();
            var orderPart = new string(ChannelOrderId.Where(char.IsAsciiLetterOrDigit).ToArray());
            if (orderPart.Length > 28) orderPart = orderPart[^28..];
            return $"FF-{orderPart}-{suffix}";
        }
    }

    public override string ToString() => $"{ConnectionId}/{ChannelOrderId}";
}
