using System.Text.Json;
using Fulfilment.Channels.Ecomdash.Dtos;

namespace Fulfilment.Tests.Channels.Ecomdash;

/// <summary>Recorded Ecomdash payloads (shaped as the simulator answers: decimal ids, dates without an offset).</summary>
internal static class EcomdashFixtures
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ecomdash", name));

    public static EdEnvelope Envelope(string name) => JsonSerializer.Deserialize<EdEnvelope>(Text(name), EcomdashJson.Options)!;

    public static List<T> Data<T>(string name) => Envelope(name).Data.Deserialize<List<T>>(EcomdashJson.Options)!;
}
