namespace Sandbox;

/// <summary>The realistic demo store the local run starts with (placeholder, being written).</summary>
public static class DemoSeed
{
    public static void Apply(SandboxHost host) { }
}
