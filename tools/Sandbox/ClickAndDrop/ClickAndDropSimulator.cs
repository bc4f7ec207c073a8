using Microsoft.AspNetCore.Builder;

namespace Sandbox.ClickAndDrop;

/// <summary>Simulates the Click &amp; Drop API (placeholder, being written).</summary>
public sealed class ClickAndDropSimulator(TimeProvider time) : IDisposable
{
    public TimeProvider Time { get; } = time;
    public void MapRoutes(WebApplication app) { }
    public void Dispose() { }
}
