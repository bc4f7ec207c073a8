using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace LocalHost.Http;

/// <summary>
/// authLevel enforcement as the real host does it: anonymous is open; function accepts the default function key or
/// the master key (in ?code= or x-functions-key); admin (and system/user, which we do not model) only the master key.
/// </summary>
internal sealed class HttpAuth
{
    private readonly byte[] _master;
    private readonly byte[] _function;

    public HttpAuth(string masterKey, string functionKey)
    {
        _master = Encoding.UTF8.GetBytes(masterKey);
        _function = Encoding.UTF8.GetBytes(functionKey);
    }

    public bool IsAuthorised(HttpRequest request, string authLevel)
    {
        if (authLevel.Equals("anonymous", StringComparison.OrdinalIgnoreCase))
            return true;
        string? key = request.Headers["x-functions-key"].FirstOrDefault();
        if (string.IsNullOrEmpty(key))
            key = request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(key))
            return false;
        var presented = Encoding.UTF8.GetBytes(key);
        if (CryptographicOperations.FixedTimeEquals(presented, _master))
            return true;
        return authLevel.Equals("function", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(presented, _function);
    }
}
