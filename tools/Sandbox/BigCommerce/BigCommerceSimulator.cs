using Microsoft.AspNetCore.Builder;

namespace Sandbox.BigCommerce;

/// <summary>Simulates the BigCommerce API (placeholder, being written).</summary>
public sealed class BigCommerceSimulator(TimeProvider time) : IDisposable
{
    public TimeProvider Time { get; } = time;
    public void MapRoutes(WebApplication app) { }
    public void Dispose() { }
}
