namespace Fulfilment.Tests.Carriers.Ekart;

/// <summary>Recorded Ekart payloads (Fixtures/Ekart), read as text or bytes exactly as stored.</summary>
internal static class EkartFixtures
{
    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ekart", name);
}
